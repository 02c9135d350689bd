import { dialog, type BrowserWindow } from 'electron';
import type { FolderPicker } from '../handlers/git.js';

/** Settings → Folder & Git's "Choose…": the native folder dialog; cancel picks nothing. */
export function folderDialogPicker(getWindow: () => BrowserWindow | null): FolderPicker {
  return async () => {
    const options = {
      title: 'Choose the folder to mirror your items to',
      properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
    };
    const window = getWindow();
    const answer = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  };
}
