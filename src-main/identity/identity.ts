import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Who and which machine: stamped on every op (author, instanceId). */
export interface Identity {
  instanceId: string;
  userName: string;
}

const InstanceFileSchema = z.object({
  instanceId: z.string().min(8).max(100),
  createdAt: z.number().int(),
});

export const INSTANCE_FILE = 'instance.json';

/**
 * The instance id is made once per data folder and never changes: op ids and
 * sync checkpoints are keyed by it, so a damaged file is reported, never
 * silently replaced (a new id would make this machine look like a stranger).
 */
async function loadInstanceId(dataDir: string): Promise<string> {
  const file = join(dataDir, INSTANCE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return createInstanceFile(dataDir, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON. Fix it or move it away to start as a new instance.`);
  }
  const parsed = InstanceFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${file} does not hold a valid instance id. Fix it or move it away to start as a new instance.`,
    );
  }
  return parsed.data.instanceId;
}

async function createInstanceFile(dataDir: string, file: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const content = { instanceId: randomUUID(), createdAt: Date.now() };
  // Write then rename, so a crash never leaves a half-written identity behind.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(content, null, 2) + '\n', { flag: 'wx' });
  await rename(tmp, file);
  return content.instanceId;
}

/** Checks a user name given on the command line; the OS user is the fallback. */
export function resolveUserName(given: string | undefined): string {
  const name = (given ?? osUserName()).trim();
  if (name.length === 0 || name.length > 100 || /\p{Cc}/u.test(name)) {
    throw new Error(`Invalid user name ${JSON.stringify(name)}: use 1–100 printable characters.`);
  }
  return name;
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // Some containers run as a uid without a passwd entry.
    return process.env.USER ?? process.env.USERNAME ?? 'user';
  }
}

export async function loadIdentity(dataDir: string, userName?: string): Promise<Identity> {
  const name = resolveUserName(userName);
  return { instanceId: await loadInstanceId(dataDir), userName: name };
}
