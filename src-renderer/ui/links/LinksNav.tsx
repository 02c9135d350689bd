import { Link2 } from 'lucide-react';
import { useLinks } from '../../state/links-slice.js';

/** Sidebar entry "Linked namespaces": namespaces that follow an upstream git repository. */
export function LinksNav() {
  const show = useLinks((s) => s.show);
  return (
    <div className="conflicts-nav">
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="open-links"
        onClick={() => show(true)}
      >
        <Link2 size={14} aria-hidden /> Linked namespaces
      </button>
    </div>
  );
}
