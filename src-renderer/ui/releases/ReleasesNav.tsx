import { Tag } from 'lucide-react';
import { defaultNamespace } from '../../state/selectors.js';
import { useReleases } from '../../state/releases-slice.js';
import { useServerConfigured } from '../../state/sync-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';
import { useUi } from '../../state/ui-slice.js';

/** Sidebar entry "Releases": opens the releases of the namespace in view (its top level). */
export function ReleasesNav() {
  const configured = useServerConfigured();
  const open = useReleases((s) => s.open);
  const view = useUi((s) => s.view);
  const selectedId = useUi((s) => s.selectedItemId);
  const snapshot = useSnapshot();
  if (!configured) return null;
  const selected = snapshot.items.find((item) => item.itemId === selectedId);
  const inView = defaultNamespace(view, selected) || snapshot.namespaces[0]?.path || '';
  const namespace = inView.split('.')[0] ?? '';
  return (
    <div className="conflicts-nav">
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="open-releases"
        disabled={namespace === ''}
        title={namespace === '' ? 'Create a namespace first' : `Releases of ${namespace}`}
        onClick={() => open(namespace)}
      >
        <Tag size={14} aria-hidden /> Releases
      </button>
    </div>
  );
}
