import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { StartServerOptions } from '../server.js';
import { startTestServer, type BackendName, type SharedServer, type TestServer } from './harness.js';

/**
 * Registers the hooks of a describe block whose cases share one server on
 * `backend` (starting an embedded store takes seconds): started before the
 * first case, emptied before each, destroyed after the last.
 */
export function useSharedServer(
  backend: BackendName,
  options: Partial<StartServerOptions> = {},
): SharedServer {
  let current: TestServer | null = null;
  beforeAll(async () => {
    current = await startTestServer(backend, options);
  });
  afterAll(() => current?.destroy());
  beforeEach(() => current?.reset());
  return {
    get server() {
      if (!current) throw new Error('the shared server has not started');
      return current;
    },
  };
}
