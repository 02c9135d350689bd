import { describe, expect, it } from 'vitest';
import { createMergeModel, resultOffsets } from './merge-model.js';
import { paneRows, type PaneRow } from './pane-rows.js';
import { alignedScrollTop, chunkOffsets, lineChunkOffsets } from './scroll-align.js';

const heightOf = (row: PaneRow) => (row.type === 'header' ? 30 : 10);

// Local adds ten lines after "a"; both sides change "c" (a conflict).
const base = 'a\nb\nc\nd\n';
const local = `a\n${Array.from({ length: 10 }, (_, i) => `new ${i}\n`).join('')}b\nC-local\nd\n`;
const remote = 'a\nb\nC-remote\nd\n';
const model = createMergeModel(base, local, remote);
const offsets = (pane: 'base' | 'local' | 'remote' | 'result') =>
  chunkOffsets(paneRows(model, pane), model.chunks.length, heightOf);

describe('panes scrolling in step', () => {
  it('measures where each chunk starts in each pane', () => {
    expect(model.chunks.map((c) => c.source.kind)).toEqual([
      'unchanged',
      'local',
      'unchanged',
      'conflict',
      'unchanged',
    ]);
    expect(offsets('base')).toEqual([0, 10, 10, 20, 30, 40]);
    expect(offsets('local')).toEqual([0, 10, 110, 120, 160, 170]);
    expect(offsets('remote')).toEqual([0, 10, 10, 20, 60, 70]);
    // The result shows the open conflict as five marker lines under its header.
    expect(offsets('result')).toEqual([0, 10, 110, 120, 200, 210]);
    expect(lineChunkOffsets(resultOffsets(model), 10)).toEqual([0, 10, 110, 120, 170, 180]);
  });

  it('puts the same chunk at the top of every pane, at the same fraction of it', () => {
    const local = offsets('local');
    const remote = offsets('remote');
    // Local's top at its conflict (120) → remote's top at its conflict (20).
    expect(alignedScrollTop(local, remote, 120)).toBe(20);
    // Halfway through local's ten added lines: remote has nothing there, so it waits at "b".
    expect(alignedScrollTop(local, remote, 60)).toBe(10);
    // Halfway through the conflict in local (40 px tall) → halfway in remote's (40 px).
    expect(alignedScrollTop(local, remote, 140)).toBe(40);
    // And back: remote's "b" (chunk 2 starts at 10) steps over local's chunk that remote lacks.
    expect(alignedScrollTop(remote, local, 10)).toBe(110);
    // Past the end the other pane moves pixel for pixel; the top is the top.
    expect(alignedScrollTop(local, remote, 190)).toBe(90);
    expect(alignedScrollTop(local, remote, 0)).toBe(0);
  });

  it('refuses panes of two different merges', () => {
    expect(() => alignedScrollTop([0, 10], [0, 10, 20], 5)).toThrow(/different merges/);
  });
});
