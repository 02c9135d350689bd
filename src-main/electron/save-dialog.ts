import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { FileSaver } from '../handlers/files.js';

/** Electron's saver: the native save dialog, starting in Documents; cancel saves nothing. */
export function saveDialogSaver(getWindow: () => BrowserWindow | null): FileSaver {
  return async ({ suggestedName, content }) => {
    const options = {
      title: 'Save your local work',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'Tether export', extensions: ['json'] }],
    };
    const window = getWindow();
    const answer = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return { saved: false, path: null };
    await writeFile(answer.filePath, content, { encoding: 'utf8', mode: 0o600 });
    return { saved: true, path: answer.filePath };
  };
}
