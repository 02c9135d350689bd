import { describe, expect, it } from 'vitest';
import {
  accept,
  chunkState,
  conflictIndex,
  conflictsLeft,
  createMergeModel,
  resultText,
  setHandled,
  undo,
} from './merge-model.js';
import { editResult } from './result-edit.js';
import { resultProblems } from './session.js';

const base = 'a\nb\nc\nd\ne\nf\ng\n';
const local = 'a\nB-local\nc\nd\ne\nF-local\ng\n';
const remote = 'a\nB-remote\nc\nD-remote\ne\nF-remote\ng\n';

const stateOf = (model: ReturnType<typeof createMergeModel>, no: number) =>
  chunkState(model, conflictIndex(model, no));

describe('editing the whole result', () => {
  it('tidying one conflict by hand handles it; the other stays open with its markers', () => {
    const model = createMergeModel(base, local, remote);
    const typed = resultText(model).replace(
      '<<<<<<< local\nB-local\n=======\nB-remote\n>>>>>>> remote\n',
      'B-mine\n',
    );
    const next = editResult(model, typed);
    expect(resultText(next)).toBe(typed);
    expect(conflictsLeft(next)).toBe(1);
    expect(stateOf(next, 1)).toMatchObject({ handled: true, edited: ['B-mine\n'] });
    expect(stateOf(next, 2).handled).toBe(false);
  });

  it('keeps the accepted side for the record when a taken conflict is edited further', () => {
    const taken = accept(accept(createMergeModel(base, local, remote), 1, 'local'), 2, 'remote');
    const typed = resultText(taken).replace('B-local\n', 'B-local, tweaked\n');
    const next = editResult(taken, typed);
    expect(stateOf(next, 1)).toMatchObject({ accepted: 'local', handled: true });
    expect(stateOf(next, 1).edited).toEqual(['B-local, tweaked\n']);
    expect(stateOf(next, 2)).toMatchObject({ accepted: 'remote', edited: null });
    expect(resultText(next)).toBe(typed);
  });

  it('edits outside any conflict and across chunk boundaries give back exactly the typed text', () => {
    const model = accept(accept(createMergeModel(base, local, remote), 1, 'local'), 2, 'local');
    for (const typed of [
      'a\nB-local\nc\nD-remote\nnew line\ne\nF-local\ng\n',
      'top\na\nB-local\nc\nD-remote\ne\nF-local\ng\nbottom',
      'a\nc\ne\ng\n',
      '',
      'something else entirely\n',
    ]) {
      const next = editResult(model, typed);
      expect(resultText(next)).toBe(typed);
      expect(conflictsLeft(next)).toBe(0);
    }
  });

  it('is one undo step, and typing the same text changes nothing', () => {
    const model = createMergeModel(base, local, remote);
    expect(editResult(model, resultText(model))).toBe(model);
    const next = editResult(model, 'x\n');
    expect(undo(next)).toMatchObject({ at: 0 });
    expect(resultText(undo(next))).toBe(resultText(model));
  });

  it('a conflict marked handled with its markers still in is refused at save', () => {
    const model = setHandled(createMergeModel(base, local, remote), 1, true);
    const done = setHandled(model, 2, true);
    expect(conflictsLeft(done)).toBe(0);
    const problems = resultProblems({
      path: 'Acme.a',
      kind: 'fn',
      content: resultText(done),
      deleted: false,
    });
    expect(problems.join()).toMatch(/conflict markers/);
    // And back: unmarking reopens it without losing what it shows.
    const reopened = setHandled(done, 2, false);
    expect(conflictsLeft(reopened)).toBe(1);
    expect(resultText(reopened)).toBe(resultText(done));
  });

  it('a component whose hand-edited YAML does not parse is refused at save', () => {
    const model = createMergeModel('a: 1\nb: 2\n', 'a: 1\nb: 3\n', 'a: 1\nb: 4\n');
    const next = editResult(model, 'a: 1\nb: [3, 4\n');
    expect(conflictsLeft(next)).toBe(0);
    const result = { path: 'Acme.a', kind: 'component' as const, content: resultText(next), deleted: false };
    expect(resultProblems(result).join()).toMatch(/not valid YAML/);
    expect(resultProblems({ ...result, content: 'a: 1\nb: [3, 4]\n' })).toEqual([]);
  });
});
