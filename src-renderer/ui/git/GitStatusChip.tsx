import './git.css';
import { FolderGit2 } from 'lucide-react';
import { mirrorStatusText } from '../../../src-shared/mirror/folder-status.js';
import { useMirror } from '../../mirror/mirror-wiring.js';

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
