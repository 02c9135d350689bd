import { HybridClock, isHlc } from '../../src-shared/clock/hlc.js';
import type { TetherDb } from '../db/index.js';

export const CLOCK_KEY = 'workspace.clock';

/**
 * This machine's clock, continued from the last stamp it handed out (kept in
 * meta) so stamps keep growing across restarts even when the wall clock was
 * set back, then moved past the newest stamps the database holds (ops and
 * branch bases), in case the app stopped between writing one and saving the
 * clock. Reading stamps alone would not do: the clock takes at most
 * MAX_CLOCK_DRIFT_MS from them, so a wall clock set back further would hand
 * out stamps older than its own earlier ones.
 */
export async function restoreClock(
  db: TetherDb,
  node: string,
  now: () => number,
  seenStamps: readonly (string | undefined)[],
): Promise<HybridClock> {
  const saved = await db.meta.get<unknown>(CLOCK_KEY);
  const last = typeof saved === 'string' && isHlc(saved) ? saved : undefined;
  const clock = new HybridClock(node, now, last);
  for (const stamp of seenStamps) {
    if (stamp !== undefined && isHlc(stamp) && stamp > clock.last) clock.receive(stamp);
  }
  return clock;
}

export function saveClock(db: TetherDb, clock: HybridClock): Promise<void> {
  return db.meta.set(CLOCK_KEY, clock.last);
}
