import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { SaveFileRequest, SaveFileResult } from '../../src-shared/bridge/files.js';

/** Where a file goes: Electron asks with a save dialog; the host writes to its exports folder. */
export type FileSaver = (request: SaveFileRequest) => Promise<SaveFileResult>;

/** The headless host's saver: `<dataDir>/exports/<name>`, never overwriting an earlier export. */
export function exportsFolderSaver(dataDir: string): FileSaver {
  return async ({ suggestedName, content }) => {
    const folder = join(dataDir, 'exports');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = await freePath(folder, suggestedName);
    await writeFile(path, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    return { saved: true, path };
  };
}

async function freePath(folder: string, name: string): Promise<string> {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 0; ; n++) {
    const path = join(folder, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      await access(path);
    } catch {
      return path;
    }
  }
}

export function createFileHandlers(save: FileSaver): HandlerMap<'file.save'> {
  return { 'file.save': (request) => save(request) };
}
