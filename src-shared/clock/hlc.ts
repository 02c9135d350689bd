import { ValidationError } from '../errors.js';

/**
 * Hybrid logical clock stamps: `<wall ms, 15 digits>-<counter, 6 digits>-<node>`,
 * e.g. `001700000000000-000003-laptop-7f3a`.
 *
 * Both numbers are zero-padded to a fixed width, so plain string order is the
 * clock order (wall, then counter, then node). Stored ops, index keys and sort
 * calls can compare stamps as strings without decoding them.
 */
export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
export const MAX_HLC_WALL = 10 ** WALL_DIGITS - 1;
export const MAX_HLC_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** Ops cap `hlc` at 64 characters; the two numbers and separators take 23. */
export const MAX_HLC_NODE_LENGTH = 64 - WALL_DIGITS - COUNTER_DIGITS - 2;
const NODE = /^[A-Za-z0-9_-]+$/;
const STAMP = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,41})$/;

/**
 * How far ahead of our own wall clock a remote stamp may pull this clock.
 *
 * A stamp further ahead is still accepted (its op keeps its stamp and sorts
 * where that stamp says), but this clock only moves to now + drift. Two days
 * lets a machine whose date or time zone is a full day off take part fully —
 * its stamps and ours stay in causal order — while one machine set years
 * ahead cannot drag every clock in the team into the future for good. Causal
 * order between ops is carried by op parents, not by stamps, so a clamped
 * receive never makes the op DAG wrong; it only affects which concurrent
 * side counts as "newer".
 */
export const MAX_CLOCK_DRIFT_MS = 48 * 60 * 60 * 1000;

export function encodeHlc({ wall, counter, node }: HlcParts): string {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_HLC_WALL) {
    throw new ValidationError(`A clock time must be a whole number of ms from 0 to ${MAX_HLC_WALL}`, 'wall');
  }
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_HLC_COUNTER) {
    throw new ValidationError(
      `A clock counter must be a whole number from 0 to ${MAX_HLC_COUNTER}`,
      'counter',
    );
  }
  checkNode(node);
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

export function decodeHlc(stamp: string): HlcParts {
  const match = typeof stamp === 'string' ? STAMP.exec(stamp) : null;
  if (!match) {
    throw new ValidationError(
      `"${String(stamp).slice(0, 80)}" is not a clock stamp (expected wall-counter-node, like 001700000000000-000000-laptop)`,
      'hlc',
    );
  }
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] as string };
}

export function isHlc(stamp: string): boolean {
  return STAMP.test(stamp);
}

/** Clock order of two stamps; the fixed-width encoding makes this a string comparison. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkNode(node: string): void {
  if (
    typeof node !== 'string' ||
    node.length === 0 ||
    node.length > MAX_HLC_NODE_LENGTH ||
    !NODE.test(node)
  ) {
    throw new ValidationError(
      `A clock node id holds 1 to ${MAX_HLC_NODE_LENGTH} letters, digits, _ or -`,
      'node',
    );
  }
}

/**
 * One machine's clock. Stamps it hands out only ever grow, whatever the wall
 * clock does: when the wall clock stands still or goes backwards the counter
 * grows instead, and when the counter is full the stamp borrows the next
 * millisecond.
 */
export class HybridClock {
  readonly node: string;
  private readonly now: () => number;
  private wall = 0;
  private counter = 0;
  private stamp: string;

  /** `last` is a stamp this machine handed out before (kept across restarts). */
  constructor(node: string, now: () => number = Date.now, last?: string) {
    checkNode(node);
    this.node = node;
    this.now = now;
    if (last !== undefined) {
      const parts = decodeHlc(last);
      this.wall = parts.wall;
      this.counter = parts.counter;
    }
    this.stamp = last ?? encodeHlc({ wall: 0, counter: 0, node });
  }

  /** The newest stamp this clock handed out (or was started from). */
  get last(): string {
    return this.stamp;
  }

  /** A new stamp for a local event, later than every stamp before it. */
  tick(): string {
    const physical = this.physicalNow();
    if (physical > this.wall) this.set(physical, 0);
    else this.set(this.wall, this.counter + 1);
    return this.stamp;
  }

  /**
   * Takes in a stamp seen on a remote op and returns a new local stamp later
   * than both our last stamp and (within MAX_CLOCK_DRIFT_MS) the remote one.
   * Throws ValidationError for a malformed stamp and then changes nothing.
   */
  receive(remote: string): string {
    const seen = decodeHlc(remote);
    const physical = this.physicalNow();
    const limit = Math.min(physical + MAX_CLOCK_DRIFT_MS, MAX_HLC_WALL);
    // A stamp beyond the drift limit counts as if it were made at the limit.
    const remoteWall = Math.min(seen.wall, limit);
    const remoteCounter = seen.wall > limit ? 0 : seen.counter;
    const wall = Math.max(this.wall, remoteWall, physical);
    let counter = 0;
    if (wall === this.wall && wall === remoteWall) counter = Math.max(this.counter, remoteCounter) + 1;
    else if (wall === this.wall) counter = this.counter + 1;
    else if (wall === remoteWall) counter = remoteCounter + 1;
    this.set(wall, counter);
    return this.stamp;
  }

  /** The wall clock, made safe: a broken reading (NaN, negative) means "no progress". */
  private physicalNow(): number {
    const reading = Math.floor(this.now());
    if (!Number.isFinite(reading) || reading < 0) return this.wall;
    return Math.min(reading, MAX_HLC_WALL);
  }

  private set(wall: number, counter: number): void {
    if (counter > MAX_HLC_COUNTER) {
      // The counter is full: borrow the next millisecond so order is kept.
      wall += 1;
      counter = 0;
    }
    if (wall > MAX_HLC_WALL) throw new Error('The clock has run past its last representable time');
    this.wall = wall;
    this.counter = counter;
    this.stamp = encodeHlc({ wall, counter, node: this.node });
  }
}
