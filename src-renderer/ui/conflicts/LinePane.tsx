import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { chunkOffsets, type PaneRow } from '../../../src-shared/conflicts/index.js';
import type { ScrollGroup } from './scroll-group.js';

export const LINE_HEIGHT = 20;
export const HEADER_HEIGHT = 34;

interface LinePaneProps {
  title: string;
  subtitle?: string;
  /** A mark after the subtitle (e.g. "Not approved yet"). */
  badge?: ReactNode;
  rows: readonly PaneRow[];
  testId: string;
  /** A row index to bring into view (changes when the user moves between conflicts). */
  scrollTo: { row: number; seq: number } | null;
  renderHeader: (row: Extract<PaneRow, { type: 'header' }>) => ReactNode;
  /** Wraps a line (the result pane makes each line a drop target). */
  wrapLine?: (row: Extract<PaneRow, { type: 'line' }>, content: ReactNode) => ReactNode;
  /** A line above which a caret is shown (keyboard drop target). */
  caretLine?: number | null;
  /** The panes that scroll together, this pane's name in it, and the merge's chunk count. */
  sync?: { group: ScrollGroup; name: string; chunkCount: number };
}

const rowHeight = (row: PaneRow) => (row.type === 'header' ? HEADER_HEIGHT : LINE_HEIGHT);

/**
 * A read-only, virtualised list of lines: only the rows in view are in the
 * DOM, so a 10,000-line item opens as fast as a short one.
 */
export function LinePane(props: LinePaneProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows } = props;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during this render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowHeight(rows[i] as PaneRow),
    overscan: 12,
  });
  const { sync } = props;
  useEffect(() => {
    if (!sync) return;
    sync.group.set(sync.name, scrollRef.current, chunkOffsets(rows, sync.chunkCount, rowHeight));
  }, [sync, rows]);
  useEffect(() => (sync ? () => sync.group.set(sync.name, null, []) : undefined), [sync]);
  const target = props.scrollTo;
  useEffect(() => {
    if (target && target.row >= 0) virtualizer.scrollToIndex(target.row, { align: 'center' });
  }, [target, virtualizer]);
  return (
    <div className="rpane" data-testid={props.testId}>
      <div className="rpane-title">
        <strong>{props.title}</strong>
        {props.subtitle && <span className="muted"> {props.subtitle}</span>}
        {props.badge}
      </div>
      <div className="rpane-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index] as PaneRow;
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              right: 0,
              height: v.size,
              transform: `translateY(${v.start}px)`,
            };
            if (row.type === 'header') {
              return (
                <div key={v.key} style={style} className="rpane-header-row" data-chunk={row.chunk}>
                  {props.renderHeader(row)}
                </div>
              );
            }
            const content = (
              <div
                className={`rpane-line tone-${row.tone}${props.caretLine === row.line ? ' drop-caret' : ''}`}
              >
                <span className="line-no">{row.line + 1}</span>
                <span className="line-text">{row.text.replace(/\r?\n$/, '')}</span>
              </div>
            );
            return (
              <div key={v.key} style={style} data-chunk={row.chunk}>
                {props.wrapLine ? props.wrapLine(row, content) : content}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
