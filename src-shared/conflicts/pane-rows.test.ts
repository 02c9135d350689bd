import { describe, expect, it } from 'vitest';
import { accept, createMergeModel } from './merge-model.js';
import { headerRow, paneRows } from './pane-rows.js';

const show = (rows: ReturnType<typeof paneRows>) =>
  rows.map((r) => (r.type === 'header' ? `[#${r.conflictNo}]` : `${r.tone}:${r.text.trimEnd()}`));

describe('pane rows', () => {
  const model = createMergeModel('a\nb\nc\n', 'a\nB1\nc\n', 'a\nB2\nc\n');

  it('gives every side pane a header per conflict, and base none', () => {
    expect(show(paneRows(model, 'base'))).toEqual(['plain:a', 'conflict:b', 'plain:c']);
    expect(show(paneRows(model, 'local'))).toEqual(['plain:a', '[#1]', 'conflict:B1', 'plain:c']);
    expect(show(paneRows(model, 'remote'))).toEqual(['plain:a', '[#1]', 'conflict:B2', 'plain:c']);
    expect(headerRow(paneRows(model, 'result'), 1)).toBe(1);
  });

  it('shows the result as it stands, marked resolved once handled', () => {
    expect(show(paneRows(accept(model, 1, 'remote'), 'result'))).toEqual([
      'plain:a',
      '[#1]',
      'resolved:B2',
      'plain:c',
    ]);
  });
});
