import { parse as parseYaml } from 'yaml';
import { hasConflictMarkers } from '../merge/index.js';
import type { ConflictKind, ItemConflict, ItemSnapshot } from '../model/index.js';
import { checkItemPath } from './path-check.js';
import type { MergeModel } from './merge-model.js';
import { conflictsLeft, createMergeModel, resultText } from './merge-model.js';
import type { SidePair } from './sides.js';
import { splitSides } from './sides.js';

/** What to do when one side deleted the item and the other changed it. */
export type DeletionChoice = 'undecided' | 'restore' | 'accept-deletion';

/** The path the result gets: one side's, or one typed by the user. */
export type PathChoice = { side: 'local' | 'remote' } | { typed: string };

/**
 * Everything the resolver edits for one conflicted item: the text merge, the
 * path and, for edit/delete, whether the item stays. Immutable; every
 * function returns a new session.
 */
export interface ResolveSession {
  itemId: string;
  kind: ConflictKind;
  base: ItemSnapshot | null;
  sides: SidePair;
  /** The text merge; null when a side is deleted (there is nothing to merge line by line). */
  text: MergeModel | null;
  path: PathChoice;
  deletion: DeletionChoice;
  /** The heads the session was built from: saving refuses if they have moved. */
  heads: string[];
}

export interface SessionInput {
  itemId: string;
  conflict: ItemConflict;
  heads: readonly string[];
  instanceId: string;
  /** Text to start the local side from (an earlier result when a conflict reopens). */
  seedLocal?: string;
}

export function openSession(input: SessionInput): ResolveSession {
  const sides = splitSides(input.conflict, input.instanceId);
  if (input.seedLocal !== undefined) {
    sides.local = {
      ...sides.local,
      label: 'Your earlier result',
      snapshot: { ...sides.local.snapshot, content: input.seedLocal, deleted: false },
    };
  }
  return fromSides(input.itemId, input.conflict.kind, input.conflict.base, sides, input.heads);
}

/** A session from two given sides (branch merge and "reopen" build their own sides). */
export function fromSides(
  itemId: string,
  kind: ConflictKind,
  base: ItemSnapshot | null,
  sides: SidePair,
  heads: readonly string[],
): ResolveSession {
  const l = sides.local.snapshot;
  const r = sides.remote.snapshot;
  const oneDeleted = l.deleted !== r.deleted;
  const text = oneDeleted ? null : createMergeModel(base?.content ?? '', l.content, r.content);
  const path: PathChoice = pathStartsAs(base, l.path, r.path);
  return {
    itemId,
    kind,
    base,
    sides,
    text,
    path,
    deletion: oneDeleted ? 'undecided' : 'restore',
    heads: [...heads],
  };
}

/** The path both sides agree on, or the one that moved away from the base, or local's. */
function pathStartsAs(base: ItemSnapshot | null, local: string, remote: string): PathChoice {
  if (local === remote || !base) return { side: 'local' };
  if (local === base.path) return { side: 'remote' };
  return { side: 'local' };
}

export function withText(session: ResolveSession, text: MergeModel): ResolveSession {
  return { ...session, text };
}

export function choosePath(session: ResolveSession, path: PathChoice): ResolveSession {
  return { ...session, path };
}

export function chooseDeletion(session: ResolveSession, deletion: DeletionChoice): ResolveSession {
  return { ...session, deletion };
}

export function chosenPath(session: ResolveSession): string {
  const p = session.path;
  if ('typed' in p) return p.typed.trim();
  return session.sides[p.side].snapshot.path;
}

/** True when the sides disagree on the path, so the resolver asks for one. */
export function needsPathChoice(session: ResolveSession): boolean {
  return session.sides.local.snapshot.path !== session.sides.remote.snapshot.path;
}

/** The side that kept the item in an edit/delete conflict. */
export function keptSide(session: ResolveSession): 'local' | 'remote' {
  return session.sides.local.snapshot.deleted ? 'remote' : 'local';
}

/** What is still to do, or wrong, before the result can be saved. Empty: it can be saved. */
export function validateSession(session: ResolveSession): string[] {
  if (session.deletion === 'undecided')
    return ['Choose: restore the item with the kept version, or accept the deletion'];
  if (session.deletion === 'accept-deletion') return [];
  const errors: string[] = [];
  const left = session.text ? conflictsLeft(session.text) : 0;
  if (left > 0) errors.push(left === 1 ? '1 conflict left to resolve' : `${left} conflicts left to resolve`);
  if (left > 0) return errors;
  return [...errors, ...resultProblems(resultOf(session))];
}

/** What is wrong with a result about to be saved: markers left in, a bad path, YAML that does not parse. */
export function resultProblems(result: ItemSnapshot): string[] {
  if (result.deleted) return [];
  const errors: string[] = [];
  if (hasConflictMarkers(result.content)) {
    errors.push('The result still holds conflict markers (<<<<<<<, =======, >>>>>>>)');
  }
  const pathError = checkItemPath(result.path);
  if (pathError) errors.push(pathError);
  if (result.kind === 'component') {
    const yamlError = yamlProblem(result.content);
    if (yamlError) errors.push(`The component is not valid YAML: ${yamlError}`);
  }
  return errors;
}

function yamlProblem(text: string): string | null {
  try {
    parseYaml(text);
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  }
}

/** The item as the result says (validate first; this does not check). */
export function resultOf(session: ResolveSession): ItemSnapshot {
  const kept = session.text ? session.sides.local.snapshot : session.sides[keptSide(session)].snapshot;
  if (session.deletion === 'accept-deletion') {
    const deleted = session.sides.local.snapshot.deleted ? session.sides.local : session.sides.remote;
    return { ...deleted.snapshot, deleted: true };
  }
  const content = session.text ? resultText(session.text) : kept.content;
  return { path: chosenPath(session), kind: kept.kind, content, deleted: false };
}
