import {
  PULL_STRATEGIES,
  PULL_STRATEGY_NAMES,
  type PullStrategy,
} from '../../../src-shared/links/preview.js';
import { queuedPullNotice } from '../../../src-shared/links/push-queue.js';
import { shortCommit } from '../../../src-shared/links/status.js';
import { queuePull } from '../../links/link-queue.js';
import { applyLinkPull } from '../../links/pull-actions.js';
import { useHold } from '../../mirror/git-queue-wiring.js';
import type { PullResult } from '../../links/pull-apply.js';
import { useLinks } from '../../state/links-slice.js';
import { useQueue } from '../../state/queue-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { useConflictsUi } from '../conflicts/conflicts-ui.js';

const STRATEGY_HINTS: Record<PullStrategy, string> = {
  fastForward: 'Take upstream as it is; only when nothing here differs from the lock.',
  merge: 'Three-way merge per item; clashes go to the conflicts inbox.',
  rebase: 'Take upstream’s versions, then reapply the edits made here on top.',
  overwrite: 'Take upstream’s versions; edits made here are saved first and can be restored.',
  stash: 'Take upstream’s versions; edits made here are stashed and can be reapplied.',
};

/** The conflicts inbox, in place of this screen: the pull's clashes are resolved there. */
function openConflicts() {
  useLinks.getState().show(false);
  useConflictsUi.getState().show({ kind: 'inbox', tab: 'open' });
}

/** Pick a strategy, apply the previewed pull with it, and see what it did. */
export function PullPanel({ namespace }: { namespace: string }) {
  const { bridge, workspace } = useServices();
  const strategy = useLinks((s) => s.strategy);
  const pick = useLinks((s) => s.pickStrategy);
  const busy = useLinks((s) => s.busy);
  const shown = useLinks((s) => (s.preview?.namespace === namespace ? s.preview : null));
  const pulled = useLinks((s) => (s.pulled?.namespace === namespace ? s.pulled : null));
  const blocked = strategy === 'fastForward' ? (shown?.preview.fastForwardBlocked ?? null) : null;
  const why = !shown ? 'Preview the pull first.' : blocked;
  // Without upstream (offline, travel mode, or its preview found it out of reach) the pull can wait.
  const hold = useHold();
  const upstreamOut = useLinks((s) => s.upstreamOut === namespace);
  // Said from the sync queue's entries: it goes when the pull is done, and says why when it failed.
  const notice = useQueue((s) => queuedPullNotice(s.entries, namespace));
  const canWait = !shown && (hold !== null || upstreamOut);
  return (
    <div className="links-pull" data-testid="links-pull">
      <fieldset className="links-strategies">
        <legend>Pull strategy</legend>
        {PULL_STRATEGIES.map((s) => (
          <label key={s} title={STRATEGY_HINTS[s]}>
            <input
              type="radio"
              name="pull-strategy"
              value={s}
              checked={strategy === s}
              data-testid={`pull-strategy-${s}`}
              onChange={() => pick(s)}
            />
            {PULL_STRATEGY_NAMES[s]}
          </label>
        ))}
      </fieldset>
      <p className="muted">{STRATEGY_HINTS[strategy]}</p>
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy || why !== null}
          title={why ?? undefined}
          data-testid="links-apply-pull"
          onClick={() => void applyLinkPull(bridge, workspace)}
        >
          {busy && shown ? 'Pulling…' : `Pull with ${PULL_STRATEGY_NAMES[strategy].toLowerCase()}`}
        </button>
        {why && !canWait && (
          <span className="muted" data-testid="links-apply-why">
            {why}
          </span>
        )}
        {canWait && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            title="Upstream cannot be reached now: the pull is previewed and applied when it can."
            data-testid="links-queue-pull"
            onClick={() => void queuePull(namespace, strategy)}
          >
            Pull with {PULL_STRATEGY_NAMES[strategy].toLowerCase()} when upstream is back
          </button>
        )}
      </div>
      {notice && (
        <p className="muted" role="status" data-testid="links-pull-notice">
          {notice}
        </p>
      )}
      {pulled && (
        <p className="links-pulled" role="status" data-testid="links-pulled">
          Pulled {pulled.target.resolvedVersion ?? pulled.target.resolvedRef} (
          {shortCommit(pulled.target.commit)}) with {PULL_STRATEGY_NAMES[pulled.strategy].toLowerCase()}:{' '}
          {resultWords(pulled.result)}
          {pulled.result.conflicts.length > 0 && (
            <>
              {' '}
              <button
                type="button"
                className="btn btn-small"
                data-testid="links-open-conflicts"
                onClick={openConflicts}
              >
                Resolve in Conflicts
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** "2 items updated, 1 local edit saved first, 1 in conflict." */
function resultWords(result: PullResult): string {
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const updated = result.written - result.conflicts.length;
  const parts = [
    updated > 0 ? `${plural(updated, 'item')} updated` : null,
    result.setAside ? `${plural(result.setAside.items.length, 'local edit')} saved first` : null,
    result.conflicts.length > 0 ? `${result.conflicts.length} in conflict` : null,
  ].filter((part): part is string => part !== null);
  return `${parts.length > 0 ? parts.join(', ') : 'nothing to change'}.`;
}
