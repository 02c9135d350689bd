import { parse, stringify } from 'yaml';
import { splitPath } from '../model/path.js';
import { PUSH_ITEM_NAME, pushItemPath } from './lock.js';
import { PushRecordSchema, type PushRecord } from './push-plan.js';

/**
 * The push record item's content: a comment saying what it is, then the
 * record as YAML. Written by the computer that pushed (and again when it
 * learns the pull request's new state); everyone else reads it.
 */
export function formatPushRecord(record: PushRecord): string {
  return (
    '# Tether push record: where the last push of this linked namespace went. Written by Tether.\n' +
    stringify(PushRecordSchema.parse(record), { lineWidth: 0 })
  );
}

/** A push record item's content, or null when it does not read (hand-edited, half-merged). */
export function parsePushRecord(content: string): PushRecord | null {
  try {
    const parsed = PushRecordSchema.safeParse(parse(content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The last push of each namespace, from the team's push record items. A
 * record naming another namespace than its item's path is not believed.
 */
export function pushRecordsOf(
  items: readonly { path: string; content: string; deleted: boolean }[],
): Record<string, PushRecord> {
  const records: Record<string, PushRecord> = {};
  for (const item of items) {
    if (item.deleted || splitPath(item.path).name !== PUSH_ITEM_NAME) continue;
    const record = parsePushRecord(item.content);
    if (record && pushItemPath(record.namespace) === item.path) records[record.namespace] = record;
  }
  return records;
}

/**
 * Whether this computer's record of a push (main's) should be written to
 * the team's: there is none yet, this one is newer, or it is the same push
 * with news (the pull request's state).
 */
export function pushRecordNews(mine: PushRecord, team: PushRecord | undefined): boolean {
  if (!team || mine.pushedAt > team.pushedAt) return true;
  if (mine.pushedAt < team.pushedAt || mine.branch !== team.branch) return false;
  return formatPushRecord(mine) !== formatPushRecord(team);
}
