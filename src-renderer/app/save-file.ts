import type { AppInfo, Bridge, SaveFileResult } from '../../src-shared/bridge/index.js';

/**
 * Saves a file the user keeps. Electron asks main (a save dialog); in the
 * browser the page downloads it, so it lands where the browser puts files
 * and the user sees it in their downloads.
 */
export async function saveTextFile(
  bridge: Bridge,
  info: AppInfo,
  name: string,
  content: string,
): Promise<SaveFileResult> {
  if (info.shell === 'electron') return bridge.call('file.save', { suggestedName: name, content });
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked a moment later: the download has taken the blob by then.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { saved: true, path: name };
}
