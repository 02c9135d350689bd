import { join } from 'node:path';
import { z } from 'zod';
import { ForgeBaseUrlSchema } from '../../src-shared/bridge/link-push.js';
import { plainCodec, secretFile, type SecretCodec } from '../remote/secret-store.js';

const ForgeTokensSchema = z.record(ForgeBaseUrlSchema, z.string().min(1));

/**
 * A token per forge (by its API base URL), kept like the server token: a
 * 0600 file in main's data folder (encrypted by safeStorage in Electron).
 * The renderer only ever learns which forges have one.
 */
export interface ForgeTokenStore {
  /** Every forge with a token: base URL → token. */
  all(): Promise<Record<string, string>>;
  set(baseUrl: string, token: string | null): Promise<void>;
}

export function forgeTokenStore(file: string, codec: SecretCodec = plainCodec): ForgeTokenStore {
  const secret = secretFile(file, ForgeTokensSchema, codec);
  // One write at a time: two saves at once must not drop one of them.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    all: async () => (await secret.get()) ?? {},
    set: (baseUrl, token) => {
      const next = tail.then(async () => {
        const tokens = { ...((await secret.get()) ?? {}) };
        if (token) tokens[baseUrl] = token;
        else delete tokens[baseUrl];
        await (Object.keys(tokens).length ? secret.set(tokens) : secret.clear());
      });
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

/** The headless host's store: `<dataDir>/forge-credentials.json`, mode 0600, beside credentials.json. */
export function hostForgeTokenStore(dataDir: string): ForgeTokenStore {
  return forgeTokenStore(join(dataDir, 'forge-credentials.json'));
}
