import { PULL_STRATEGIES, PULL_STRATEGY_NAMES } from '../../../src-shared/links/preview.js';
import { shortCommit } from '../../../src-shared/links/status.js';
import type { ShownPreview } from '../../state/links-slice.js';

/** What each pull strategy would do to each item, before anything changes. */
export function PullPreviewTable({ shown }: { shown: ShownPreview }) {
  const { preview, target } = shown;
  const to = target.resolvedVersion
    ? `${target.resolvedVersion} (${shortCommit(target.commit)})`
    : shortCommit(target.commit);
  return (
    <section className="links-preview" data-testid="links-preview">
      <strong>Pull preview: {to}</strong>
      <p className="muted">
        {PULL_STRATEGIES.map(
          (s) =>
            `${PULL_STRATEGY_NAMES[s]}: ${preview.conflicts[s]} conflict${preview.conflicts[s] === 1 ? '' : 's'}`,
        ).join(' · ')}
        {preview.setAside > 0 &&
          ` · overwrite and stash first save ${preview.setAside} local edit${preview.setAside === 1 ? '' : 's'}`}
      </p>
      {preview.fastForwardBlocked && <p className="muted">{preview.fastForwardBlocked}</p>}
      <table className="links-table">
        <thead>
          <tr>
            <th>File</th>
            <th>Here</th>
            <th>Upstream</th>
            {PULL_STRATEGIES.map((s) => (
              <th key={s}>{PULL_STRATEGY_NAMES[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.items.map((item) => (
            <tr key={item.file} data-testid={`preview-row-${item.file}`}>
              <td className="mono">{item.file}</td>
              <td>{item.local}</td>
              <td>{item.upstream}</td>
              {PULL_STRATEGIES.map((s) => (
                <td key={s} className={`outcome outcome-${item.outcomes[s]}`} data-testid={`outcome-${s}`}>
                  {item.outcomes[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
