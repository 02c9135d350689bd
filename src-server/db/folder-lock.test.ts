import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { TestClient, makeOp } from '../testing/client.js';
import type { Scratch } from '../testing/harness.js';
import { pgliteDir, scratchDir } from '../testing/harness.js';
import type { ServerProcess } from '../testing/processes.js';
import { runScript, startServerProcess } from '../testing/processes.js';
import { httpAdmin } from '../admin/admin-client.js';
import { FolderInUseError, lockDataFolder } from './folder-lock.js';

describe('the PGlite data-folder lock', () => {
  it('refuses a second holder in the same process, and frees the folder on release', async () => {
    const scratch = scratchDir();
    try {
      const release = await lockDataFolder(scratch.location, () => undefined);
      const second = lockDataFolder(scratch.location, () => undefined);
      await expect(second).rejects.toBeInstanceOf(FolderInUseError);
      await expect(second).rejects.toThrow(`is in use by another Tether server (pid ${process.pid})`);
      await release();
      const again = await lockDataFolder(scratch.location, () => undefined);
      await again();
    } finally {
      await scratch.remove();
    }
  });

  describe('between processes', () => {
    let scratch: Scratch;
    let first: ServerProcess;
    const env = { TETHER_ADMIN_TOKEN: 'lock-test-admin' };

    beforeAll(async () => {
      scratch = await pgliteDir('migrated');
      first = await startServerProcess(['--data-dir', scratch.location], env);
    }, 60_000);
    afterAll(async () => {
      await first?.stop('SIGKILL');
      await scratch?.remove();
    });

    it('makes a second server and the direct-mode admin CLI fail at once with a clear message', async () => {
      const pid = Number(
        fs.readFileSync(path.join(scratch.location, 'tether-server.pid'), 'utf8').split('\n')[0],
      );
      const [server, admin, viaServer] = await Promise.all([
        runScript('src-server/cli.ts', ['--port', '0', '--data-dir', scratch.location]),
        runScript('src-server/admin.ts', ['list-namespaces', '--data-dir', scratch.location]),
        // The admin CLI can still reach the running server over its admin API.
        runScript('src-server/admin.ts', ['create-user', 'alice', '--server', first.url], env),
      ]);
      expect(server.code).toBe(1);
      expect(server.stderr).toContain(
        `Data folder ${scratch.location} is in use by another Tether server (pid ${pid})`,
      );
      expect(admin.code).toBe(1);
      expect(admin.stderr).toContain(
        `is in use by another Tether server (pid ${pid}): stop the server or use PostgreSQL`,
      );
      expect(viaServer).toMatchObject({ code: 0, stdout: 'Created user alice\n' });
    }, 30_000);

    it('is taken over after the holder crashes, with committed data intact', async () => {
      const { token } = await httpAdmin(first.url, env.TETHER_ADMIN_TOKEN).issueToken('alice');
      const op = makeOp('alice');
      expect((await new TestClient(first.url, token).post(syncRoutes.pushOps, { ops: [op] })).status).toBe(
        200,
      );
      await first.stop('SIGKILL');
      first = await startServerProcess(['--data-dir', scratch.location], env);
      const pulled = await new TestClient(first.url, token).get(`${syncRoutes.pullOps}?branch=main&since=0`);
      expect(pulled.body.ops.map((o: { id: string }) => o.id)).toEqual([op.id]);
    }, 60_000);
  });
});
