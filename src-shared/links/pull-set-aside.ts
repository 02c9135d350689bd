import { z } from 'zod';
import { mergeText, mergedText } from '../merge/index.js';
import { ItemKindSchema } from '../model/op.js';
import type { PullStep, SetAsideItem } from './pull-plan.js';

/**
 * Local edits an overwrite or stash pull set aside before taking upstream's
 * versions, kept on this computer until restored or dismissed. Overwrite's
 * are put back as they were; a stash is reapplied on top of what upstream
 * brought, three-way against the lock it was made on.
 */
export const SetAsideRecordSchema = z.object({
  id: z.string().min(1),
  namespace: z.string().min(1),
  strategy: z.enum(['overwrite', 'stash']),
  at: z.number(),
  /** The lock's commit the edits were made on, and the commit the pull took. */
  fromCommit: z.string(),
  toCommit: z.string(),
  items: z.array(
    z.object({
      path: z.string(),
      kind: ItemKindSchema,
      base: z.string().nullable(),
      mine: z.string().nullable(),
    }),
  ),
});
export type SetAsideRecord = z.infer<typeof SetAsideRecordSchema>;

/** Where the records live (a setting of this computer's database: personal, never synced). */
export const SET_ASIDE_SETTING = 'links.setAside';

/** The stored list, keeping only records that still read. */
export function readSetAside(value: unknown): SetAsideRecord[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = SetAsideRecordSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * What putting a record back writes, given each item's text now (null: no
 * live item). Overwrite restores `mine` as it was. A stash reapplies the
 * edit: cleanly merged with upstream's change when git's rules allow, else
 * as a conflict (the edit written on the lock's version, beside upstream's)
 * for the resolver. Nothing already equal is written again.
 */
export function restoreSteps(record: SetAsideRecord, current: (path: string) => string | null): PullStep[] {
  return record.items.flatMap((item) => {
    const now = current(item.path);
    if (item.mine === now) return [];
    const put: PullStep = { type: 'replace', path: item.path, kind: item.kind, theirs: item.mine };
    if (record.strategy === 'overwrite') return [put];
    return [reapply(item, now, put)];
  });
}

function reapply(item: SetAsideItem, now: string | null, put: PullStep): PullStep {
  const clash: PullStep = { type: 'conflict', path: item.path, base: item.base, theirs: item.mine };
  // Upstream left the item as the stash found it: the edit goes back as it was.
  if (now === item.base) return put;
  if (item.mine === null || now === null) return clash;
  const result = mergeText(item.base ?? '', item.mine, now);
  return result.clean ? { type: 'update', path: item.path, content: mergedText(result) } : clash;
}
