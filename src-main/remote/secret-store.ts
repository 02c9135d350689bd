import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A signed-in connection: where, which token, and whose it is (checked at sign-in). */
export const CredentialsSchema = z.object({
  serverUrl: z.string().min(1),
  token: z.string().min(1),
  userName: z.string().min(1),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

/** Where main keeps the credentials; never reachable from the renderer. */
export interface SecretStore {
  get(): Promise<Credentials | null>;
  set(credentials: Credentials): Promise<void>;
  clear(): Promise<void>;
}

/**
 * How a store turns the JSON into bytes on disk and back: plain for the
 * headless host, OS-encrypted in Electron (safeStorage).
 */
export interface SecretCodec {
  encode(json: string): Buffer;
  decode(bytes: Buffer): string;
}

export const plainCodec: SecretCodec = {
  encode: (json) => Buffer.from(json, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * One file, readable by the owner only (0600), replaced atomically so a crash
 * mid-write never leaves half a token behind. A file that cannot be read back
 * counts as "not signed in": the user signs in again, nothing else breaks.
 */
export function fileSecretStore(file: string, codec: SecretCodec = plainCodec): SecretStore {
  return secretFile(file, CredentialsSchema, codec);
}

/** A secret record of any schema in one such file (the server's credentials, the forges' tokens). */
export function secretFile<T>(
  file: string,
  schema: z.ZodType<T>,
  codec: SecretCodec = plainCodec,
): { get(): Promise<T | null>; set(value: T): Promise<void>; clear(): Promise<void> } {
  return {
    async get() {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      try {
        const parsed = schema.safeParse(JSON.parse(codec.decode(bytes)));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async set(value) {
      const json = JSON.stringify(schema.parse(value));
      await mkdir(join(file, '..'), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, codec.encode(json), { mode: 0o600 });
      // writeFile's mode is masked by umask and ignored for an existing file; chmod is not.
      await chmod(temp, 0o600);
      await rename(temp, file);
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}

/** The headless host's store: `<dataDir>/credentials.json`, mode 0600. */
export function hostSecretStore(dataDir: string): SecretStore {
  return fileSecretStore(join(dataDir, 'credentials.json'));
}
