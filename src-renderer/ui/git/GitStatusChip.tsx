import './git.css';
import { FolderGit2 } from 'lucide-react';
import type { MirrorStatus } from '../../../src-shared/bridge/git.js';
import { useMirror } from '../../mirror/mirror-wiring.js';

/** The folder/git state in words: watching, exporting, ahead/behind, failing with the reason. */
export function mirrorStatusText(status: MirrorStatus): string {
  if (status.state === 'failing') return `Folder: ${status.error ?? 'failing'}`;
  const folder =
    status.state === 'exporting'
      ? 'Writing files…'
      : status.state === 'importing'
        ? 'Reading changes…'
        : 'Folder watched';
  const { git } = status;
  if (!git.enabled) return `${folder}${notImported(status)}`;
  if (git.error) return `${folder} · Git: ${git.error}`;
  if (git.busy !== 'idle') return `${folder} · Git ${git.busy}…`;
  const counts = git.remote ? ` · ${git.ahead} ahead, ${git.behind} behind` : '';
  const last = git.lastCommit ? ` · last commit “${git.lastCommit.subject}”` : ' · no commit yet';
  return `${folder}${notImported(status)}${counts}${last}`;
}

/** Files left out of the store (bad names, binaries, …): their reasons are in the chip's tooltip. */
function notImported(status: MirrorStatus): string {
  return status.notices.length > 0 ? ` · ${status.notices.length} not imported` : '';
}

/** Status bar chip for the folder mirror; hidden while no folder is set. */
export function GitStatusChip() {
  const status = useMirror((s) => s.status);
  if (!status || status.state === 'off') return null;
  const text = mirrorStatusText(status);
  return (
    <span
      className={`status-chip mirror-chip${status.state === 'failing' || status.git.error ? ' is-failing' : ''}`}
      data-testid="status-git"
      data-state={status.state}
      title={[text, ...status.notices.map((n) => `${n.relPath}: ${n.message}`)].join('\n')}
    >
      <FolderGit2 size={12} aria-hidden /> <span className="mirror-chip-text">{text}</span>
    </span>
  );
}
