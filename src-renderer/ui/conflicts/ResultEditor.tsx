import { useEffect, useMemo, useRef, useState } from 'react';
import {
  editResult,
  lineChunkOffsets,
  resultOffsets,
  resultText,
  type MergeModel,
} from '../../../src-shared/conflicts/index.js';
import { LINE_HEIGHT } from './LinePane.js';
import type { ScrollGroup } from './scroll-group.js';

const TYPING_PAUSE_MS = 500;

/**
 * The whole result as free text. Typing is taken into the model after a
 * pause, on leaving the editor, or before a save — one undo step per burst —
 * so "conflicts left" follows what is typed: a conflict whose markers are
 * tidied away by hand counts as handled.
 */
export function ResultEditor(props: {
  model: MergeModel;
  onModel: (m: MergeModel) => void;
  group: ScrollGroup;
  /** A chunk to bring into view (changes when the user moves between conflicts). */
  scrollToChunk: { index: number; seq: number } | null;
}) {
  const { model, onModel, group } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const offsets = useMemo(() => lineChunkOffsets(resultOffsets(model), LINE_HEIGHT), [model]);
  const commit = (text: string | null) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text === null) return;
    setDraft(null);
    onModel(editResult(model, text));
  };
  useEffect(() => {
    group.set('result', ref.current, offsets);
  }, [group, offsets]);
  useEffect(() => () => group.set('result', null, []), [group]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const shown = draft ?? resultText(model);
  const numbers = useMemo(() => lineNumbers(shown), [shown]);
  const target = props.scrollToChunk;
  useEffect(() => {
    const el = ref.current;
    if (!el || !target) return;
    el.scrollTop = Math.max(0, (offsets[target.index] ?? 0) - el.clientHeight / 3);
  }, [target]); // eslint-disable-line react-hooks/exhaustive-deps -- only when asked to move, not on every edit
  return (
    <div className="rpane" data-testid="resolver-result">
      <div className="rpane-title">
        <strong>Result</strong>
        <span className="muted"> editing as text · conflict markers must go before saving</span>
      </div>
      <div className="result-editor-wrap">
        <pre className="result-editor-gutter" ref={gutter} aria-hidden>
          {numbers}
        </pre>
        <textarea
          ref={ref}
          className="result-editor"
          data-testid="result-editor"
          aria-label="The merge result"
          spellCheck={false}
          wrap="off"
          value={shown}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => commit(text), TYPING_PAUSE_MS);
          }}
          onBlur={() => commit(draft)}
        />
      </div>
    </div>
  );
}

/** "1\n2\n…" for the gutter: one text node, cheap even for a 10,000-line result. */
function lineNumbers(text: string): string {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1))
    count++;
  return Array.from({ length: count }, (_, i) => String(i + 1)).join('\n');
}
