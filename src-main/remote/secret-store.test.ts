import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretStore, hostSecretStore } from './secret-store.js';

const alice = { serverUrl: 'http://127.0.0.1:8787', token: 'secret-token', userName: 'alice' };

describe('hostSecretStore', () => {
  it('writes <dataDir>/credentials.json readable by the owner only (0600)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tether-secrets-'));
    const store = hostSecretStore(dir);
    expect(await store.get()).toBeNull();
    await store.set(alice);
    const file = join(dir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get()).toEqual(alice);
    // Overwriting keeps the mode (writeFile alone would keep an older, looser one).
    await store.set({ ...alice, token: 'other' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await store.get())?.token).toBe('other');
    await store.clear();
    expect(await store.get()).toBeNull();
    await store.clear(); // clearing twice is fine
  });

  it('treats an unreadable file as signed out, and refuses to store incomplete credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tether-secrets-'));
    writeFileSync(join(dir, 'credentials.json'), '{"serverUrl":');
    const store = hostSecretStore(dir);
    expect(await store.get()).toBeNull();
    await expect(store.set({ ...alice, token: '' })).rejects.toThrow();
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toBe('{"serverUrl":');
  });

  it('passes the bytes through the codec (Electron encrypts there)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tether-secrets-')), 'c.bin');
    const reversed = {
      encode: (json: string) => Buffer.from(json, 'utf8').reverse(),
      decode: (bytes: Buffer) => Buffer.from(bytes).reverse().toString('utf8'),
    };
    await fileSecretStore(file, reversed).set(alice);
    expect(readFileSync(file, 'utf8')).not.toContain('secret-token');
    expect(await fileSecretStore(file, reversed).get()).toEqual(alice);
  });
});
