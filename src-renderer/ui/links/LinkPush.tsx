import { ExternalLink, GitPullRequest, Upload } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LinkFacts } from '../../../src-shared/links/status.js';
import {
  alreadyPushed,
  pushChanges,
  pushRefusal,
  withPush,
  type PushChange,
  type PushRecord,
} from '../../../src-shared/links/push-plan.js';
import { pushRecordsOf } from '../../../src-shared/links/push-record.js';
import { loadPushes, pushLinkedNamespace, syncFork } from '../../links/push-actions.js';
import { useLinkPush } from '../../state/link-push-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import './link-push.css';

/** Each namespace's last push, from the team's push record items (whoever pushed). */
function usePushRecords(): Record<string, PushRecord> {
  const items = useSnapshot().items;
  return useMemo(() => pushRecordsOf(items), [items]);
}

/**
 * Folds each namespace's last push (the team's record) onto its status
 * facts: edits that went to a fork show the namespace as "forked" with the
 * pull request, while the local items still are what the branch holds.
 */
export function usePushFold(): (facts: LinkFacts) => LinkFacts {
  const items = useSnapshot().items;
  const records = usePushRecords();
  return useCallback(
    (facts: LinkFacts) => {
      // Only a namespace that was pushed from here has anything to fold (and the edits are compared then).
      const record = records[facts.namespace];
      return record ? withPush(facts, record, pushChanges(facts, items)) : facts;
    },
    [items, records],
  );
}

/**
 * Push of a linked namespace's edits upstream: the button (disabled with its
 * reason), a confirmation listing what goes where, progress, and the result
 * with the pull request's link and state. Main decides direct or fork + PR.
 */
export function LinkPushPanel({
  facts,
  atLock,
}: {
  facts: LinkFacts;
  /** Upstream's content by item path at the lock (unknown until main answered). */
  atLock: Record<string, string> | undefined;
}) {
  const { bridge, workspace } = useServices();
  const items = useSnapshot().items;
  const records = usePushRecords();
  const { forges, outcome, pushedHere } = useLinkPush();
  const [confirming, setConfirming] = useState(false);
  const { namespace, lock } = facts;
  const changes = useMemo(() => pushChanges(facts, items), [facts, items]);
  useEffect(() => {
    void loadPushes(bridge, workspace, true);
  }, [bridge, workspace, namespace]);
  if (!lock) return null;
  const mine = outcome?.namespace === namespace ? outcome : null;
  const record = records[namespace] ?? null;
  const running = mine?.state === 'running';
  const reason = !atLock
    ? 'Reading upstream’s files at the lock…'
    : facts.conflictedItems.length > 0
      ? 'Resolve the conflicts first: a push sends one version of each item.'
      : (pushRefusal(namespace, changes) ?? alreadyPushed(record, lock.commit, changes));
  const push = async () => {
    setConfirming(false);
    await pushLinkedNamespace(namespace, lock, changes);
  };

  return (
    <div className="link-push" data-testid="link-push">
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={reason !== null || running}
          title={reason ?? `Push ${changes.length} change(s) upstream`}
          data-testid="link-push-start"
          onClick={() => setConfirming(true)}
        >
          <Upload size={14} aria-hidden /> Push…
        </button>
        {record?.mode === 'fork' && pushedHere.includes(namespace) && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={running}
            data-testid="link-push-sync-fork"
            title={`Bring ${record.pushedTo} in step with upstream`}
            onClick={() => void syncFork(bridge, namespace)}
          >
            Sync fork
          </button>
        )}
        {reason && (
          <span className="muted" data-testid="link-push-reason">
            {reason}
          </span>
        )}
      </div>
      {confirming && (
        <PushConfirm
          facts={facts}
          changes={changes}
          atLock={atLock ?? {}}
          noForge={forges.length === 0}
          onPush={() => void push()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {mine && (
        <p
          className={`link-push-outcome link-push-${mine.state}`}
          role={mine.state === 'failed' ? 'alert' : 'status'}
          data-testid="link-push-outcome"
        >
          {mine.message}
          {mine.state === 'failed' && reason === null && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="link-push-retry"
              onClick={() => setConfirming(true)}
            >
              Try again
            </button>
          )}
        </p>
      )}
      {record && <LastPush record={record} />}
    </div>
  );
}

function PushConfirm({
  facts,
  changes,
  atLock,
  noForge,
  onPush,
  onCancel,
}: {
  facts: LinkFacts;
  changes: PushChange[];
  atLock: Record<string, string>;
  noForge: boolean;
  onPush: () => void;
  onCancel: () => void;
}) {
  const lock = facts.lock!;
  const at = lock.resolvedVersion
    ? `${lock.resolvedVersion} (${lock.commit.slice(0, 7)})`
    : lock.commit.slice(0, 7);
  const what = (change: PushChange) =>
    'deleted' in change ? 'deleted' : change.path in atLock ? 'changed' : 'added';
  return (
    <div
      className="link-push-confirm"
      role="group"
      aria-label="Push to upstream"
      data-testid="link-push-confirm"
    >
      <p>
        Push {changes.length} change{changes.length === 1 ? '' : 's'} of{' '}
        <strong className="mono">{facts.namespace}</strong> to <span className="mono">{lock.repository}</span>{' '}
        as a new branch <span className="mono">tether/{facts.namespace}-…</span> on {at}. Nothing is forced;
        upstream’s branches stay as they are.
      </p>
      <ul data-testid="link-push-changes">
        {changes.map((change) => (
          <li key={change.path}>
            <span className={`link-push-kind link-push-kind-${what(change)}`}>{what(change)}</span>{' '}
            <span className="mono">{change.path}</span>
          </li>
        ))}
      </ul>
      <p className="muted">
        {noForge
          ? 'No forge token is set (Settings → Forges): where you may not push, the push will be refused.'
          : 'Where you may not push, Tether forks the repository with your forge token and opens a pull request.'}
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="link-push-go"
          onClick={onPush}
        >
          Push
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function LastPush({ record }: { record: PushRecord }) {
  const pr = record.pullRequest;
  return (
    <p className="link-push-last" data-testid="link-push-last">
      Last push{record.pushedBy ? ` by ${record.pushedBy}` : ''}: branch{' '}
      <span className="mono">{record.branch}</span> of <span className="mono">{record.pushedTo}</span>
      {pr && (
        <>
          {' · '}
          <GitPullRequest size={14} aria-hidden />{' '}
          <a href={pr.url} target="_blank" rel="noreferrer" data-testid="link-push-pr">
            pull request #{pr.number} <ExternalLink size={12} aria-hidden />
          </a>{' '}
          <span className={`link-status link-pr-${pr.state}`} data-testid="link-push-pr-state">
            {pr.state}
          </span>
        </>
      )}
    </p>
  );
}
