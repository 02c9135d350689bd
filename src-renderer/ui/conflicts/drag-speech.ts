import type { Active, Announcements, DragStartEvent, Over } from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import {
  DRAG_INSTRUCTIONS,
  dragWords,
  resultLineCount,
  type DragSource,
  type DragWords,
  type MergeModel,
  type SidePair,
} from '../../../src-shared/conflicts/index.js';

export interface DragSpeech {
  /** The side's lines being dragged with the pointer (the drag preview shows them). */
  dragging: DragSource | null;
  setDragging: (source: DragSource | null) => void;
  /** What the keyboard drag last said (a drop or a cancel), for the resolver's own live region. */
  said: string;
  say: (text: string) => void;
  words: DragWords;
  /** dnd-kit's screen-reader texts, in the product's words instead of its defaults with internal ids. */
  accessibility: { announcements: Announcements; screenReaderInstructions: { draggable: string } };
  onDragStart: (event: DragStartEvent) => void;
}

const sourceOf = (active: Active): DragSource | undefined => active.data.current as DragSource | undefined;
const lineOf = (over: Over | null): number | null => (over?.data.current?.line as number | undefined) ?? null;

/** What the resolver says while lines are dragged, by pointer (dnd-kit's live region) or by keyboard. */
export function useDragSpeech(model: MergeModel, sides: SidePair): DragSpeech {
  const [dragging, setDragging] = useState<DragSource | null>(null);
  const [said, say] = useState('');
  const words = useMemo(() => dragWords(model, sides, resultLineCount(model)), [model, sides]);
  const accessibility = useMemo(() => {
    const speak = (active: Active, text: (source: DragSource) => string) => {
      const source = sourceOf(active);
      return source ? text(source) : undefined;
    };
    const announcements: Announcements = {
      onDragStart: ({ active }) => speak(active, words.pickedUp),
      onDragOver: ({ active, over }) => speak(active, (s) => words.over(s, lineOf(over))),
      onDragEnd: ({ active, over }) => speak(active, (s) => words.dropped(s, lineOf(over))),
      onDragCancel: ({ active }) => speak(active, words.cancelled),
    };
    return { announcements, screenReaderInstructions: { draggable: DRAG_INSTRUCTIONS } };
  }, [words]);
  return {
    dragging,
    setDragging,
    said,
    say,
    words,
    accessibility,
    onDragStart: (event) => setDragging(sourceOf(event.active) ?? null),
  };
}
