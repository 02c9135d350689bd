import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  defaultSyncSettings,
  SyncSettingsSchema,
  type SyncSettings,
} from '../../src-shared/bridge/sync-settings.js';

export const SYNC_SETTINGS_FILE = 'sync-settings.json';

/**
 * Reads the saved sync settings. A missing file is the defaults. A damaged
 * one also falls back to the defaults (a lost strategy choice costs nothing
 * that a click cannot restore) but is moved aside, not overwritten, and said.
 */
export async function readSyncSettings(
  dataDir: string,
  warn: (message: string) => void = (message) => process.emitWarning(message),
): Promise<SyncSettings> {
  const file = join(dataDir, SYNC_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return defaultSyncSettings;
    throw err;
  }
  try {
    return SyncSettingsSchema.parse(JSON.parse(text));
  } catch (err) {
    const aside = `${file}.damaged-${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    warn(`${file} could not be read (${String(err)}); using the defaults. The old file is at ${aside}.`);
    return defaultSyncSettings;
  }
}

/** Write-then-rename, so a crash mid-write leaves the previous settings, never half a file. */
export async function writeSyncSettings(dataDir: string, settings: SyncSettings): Promise<void> {
  const file = join(dataDir, SYNC_SETTINGS_FILE);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}
