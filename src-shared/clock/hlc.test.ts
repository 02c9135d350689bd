import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import {
  HybridClock,
  MAX_CLOCK_DRIFT_MS,
  MAX_HLC_COUNTER,
  compareHlc,
  decodeHlc,
  encodeHlc,
  isHlc,
} from './hlc.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

/** A wall clock the test moves by hand. */
function manualClock(start = T0): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (next) => (t = next) };
}

describe('encodeHlc / decodeHlc', () => {
  it('round-trips and pads to a fixed width', () => {
    const stamp = encodeHlc({ wall: T0, counter: 7, node: 'laptop-1' });
    expect(stamp).toBe(`00${T0}-000007-laptop-1`);
    expect(decodeHlc(stamp)).toEqual({ wall: T0, counter: 7, node: 'laptop-1' });
    expect(isHlc(stamp)).toBe(true);
  });

  it('sorts as strings exactly as it sorts by (wall, counter, node)', () => {
    const part = fc.record({
      wall: fc.integer({ min: 0, max: 2 ** 45 }),
      counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
      node: fc.constantFrom('a', 'b', 'node-1', 'node_2', 'Z'),
    });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const byParts =
          a.wall !== b.wall
            ? Math.sign(a.wall - b.wall)
            : a.counter !== b.counter
              ? Math.sign(a.counter - b.counter)
              : Math.sign(compareHlc(a.node, b.node));
        expect(compareHlc(encodeHlc(a), encodeHlc(b))).toBe(byParts);
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
      }),
    );
  });

  it.each([
    ['', 'empty'],
    ['12-3-x', 'short numbers'],
    ['001700000000000-000001-', 'no node'],
    ['001700000000000-000001-bad node', 'space in node'],
    ['1700000000000-1-node', 'unpadded'],
    ['garbage', 'garbage'],
  ])('refuses %j (%s) with a ValidationError', (stamp) => {
    expect(() => decodeHlc(stamp)).toThrow(ValidationError);
    expect(isHlc(stamp)).toBe(false);
  });

  it('refuses parts it cannot encode', () => {
    expect(() => encodeHlc({ wall: -1, counter: 0, node: 'n' })).toThrow(/clock time/);
    expect(() => encodeHlc({ wall: 1.5, counter: 0, node: 'n' })).toThrow(ValidationError);
    expect(() => encodeHlc({ wall: 1, counter: MAX_HLC_COUNTER + 1, node: 'n' })).toThrow(/counter/);
    expect(() => encodeHlc({ wall: 1, counter: 0, node: 'x'.repeat(42) })).toThrow(/node id/);
    expect(() => encodeHlc({ wall: 1, counter: 0, node: 'a.b' })).toThrow(ValidationError);
  });
});

describe('HybridClock', () => {
  it('hands out growing stamps while the wall clock moves forward', () => {
    const wall = manualClock();
    const clock = new HybridClock('node-a', wall.now);
    const first = clock.tick();
    wall.set(T0 + 5);
    const second = clock.tick();
    expect(decodeHlc(first)).toEqual({ wall: T0, counter: 0, node: 'node-a' });
    expect(decodeHlc(second)).toEqual({ wall: T0 + 5, counter: 0, node: 'node-a' });
    expect(clock.last).toBe(second);
  });

  it('stays monotonic when the wall clock stands still or goes backwards', () => {
    const wall = manualClock();
    const clock = new HybridClock('node-a', wall.now);
    const stamps = [clock.tick(), clock.tick()];
    wall.set(T0 - DAY);
    stamps.push(clock.tick(), clock.tick());
    wall.set(T0 + 1);
    stamps.push(clock.tick());
    for (let i = 1; i < stamps.length; i++) {
      expect(compareHlc(stamps[i - 1] as string, stamps[i] as string)).toBe(-1);
    }
    expect(decodeHlc(stamps[3] as string)).toMatchObject({ wall: T0, counter: 3 });
    expect(decodeHlc(stamps[4] as string)).toMatchObject({ wall: T0 + 1, counter: 0 });
  });

  it('borrows the next millisecond when the counter is full', () => {
    const last = encodeHlc({ wall: T0, counter: MAX_HLC_COUNTER, node: 'node-a' });
    const clock = new HybridClock('node-a', () => T0 - 10, last);
    const next = clock.tick();
    expect(decodeHlc(next)).toMatchObject({ wall: T0 + 1, counter: 0 });
    expect(compareHlc(last, next)).toBe(-1);
  });

  it('resumes after a restart from its last stamp, even with the wall clock behind it', () => {
    const before = new HybridClock('node-a', () => T0);
    const persisted = before.tick();
    const after = new HybridClock('node-a', () => T0 - 60_000, persisted);
    expect(after.last).toBe(persisted);
    expect(compareHlc(persisted, after.tick())).toBe(-1);
  });

  it('treats a broken wall clock reading as no progress', () => {
    let reading = T0;
    const clock = new HybridClock('node-a', () => reading);
    const a = clock.tick();
    reading = Number.NaN;
    const b = clock.tick();
    expect(compareHlc(a, b)).toBe(-1);
    expect(decodeHlc(b)).toMatchObject({ wall: T0, counter: 1 });
  });

  it('orders its stamps after a received remote stamp', () => {
    const clock = new HybridClock('node-a', () => T0);
    const remote = encodeHlc({ wall: T0 + 1000, counter: 4, node: 'node-b' });
    const after = clock.receive(remote);
    expect(decodeHlc(after)).toEqual({ wall: T0 + 1000, counter: 5, node: 'node-a' });
    expect(compareHlc(remote, after)).toBe(-1);
    expect(compareHlc(after, clock.tick())).toBe(-1);
  });

  it('keeps its own time when the remote stamp is older', () => {
    const clock = new HybridClock('node-a', () => T0);
    const after = clock.receive(encodeHlc({ wall: T0 - DAY, counter: 9, node: 'node-b' }));
    expect(decodeHlc(after)).toEqual({ wall: T0, counter: 0, node: 'node-a' });
  });

  it('lets a machine whose clock is a day behind stay in causal order with the team', () => {
    // Team stamps come from correct clocks; ours reads a day (and a bit) behind.
    const behind = manualClock(T0 - DAY - 3_600_000);
    const clock = new HybridClock('late-laptop', behind.now);
    const teamStamps = [
      encodeHlc({ wall: T0, counter: 0, node: 'team-1' }),
      encodeHlc({ wall: T0 + 20, counter: 2, node: 'team-2' }),
    ];
    let previous = clock.tick();
    for (const team of teamStamps) {
      const received = clock.receive(team);
      behind.set(behind.now() + 1);
      const local = clock.tick();
      expect(compareHlc(team, received)).toBe(-1);
      expect(compareHlc(received, local)).toBe(-1);
      expect(compareHlc(previous, received)).toBe(-1);
      previous = local;
    }
  });

  it('lets the team order stamps from a machine whose clock is a day ahead', () => {
    const ahead = new HybridClock('fast-laptop', () => T0 + DAY);
    const team = new HybridClock('team-1', () => T0);
    const fromAhead = ahead.tick();
    const reply = team.receive(fromAhead);
    expect(compareHlc(fromAhead, reply)).toBe(-1);
    expect(compareHlc(reply, team.tick())).toBe(-1);
  });

  it('does not let a clock far in the future drag this clock beyond now + drift', () => {
    const clock = new HybridClock('node-a', () => T0);
    const before = clock.tick();
    const fromTheFuture = encodeHlc({ wall: T0 + 365 * DAY, counter: 3, node: 'broken' });
    const after = clock.receive(fromTheFuture);
    expect(decodeHlc(after)).toEqual({ wall: T0 + MAX_CLOCK_DRIFT_MS, counter: 1, node: 'node-a' });
    // Still ordered: later than everything before, and our stamps keep growing.
    expect(compareHlc(before, after)).toBe(-1);
    expect(compareHlc(after, clock.tick())).toBe(-1);
  });

  it('refuses a malformed remote stamp and changes nothing', () => {
    const clock = new HybridClock('node-a', () => T0);
    const last = clock.tick();
    expect(() => clock.receive('not-a-stamp')).toThrow(ValidationError);
    expect(clock.last).toBe(last);
  });

  it('refuses a bad node id or a bad saved stamp', () => {
    expect(() => new HybridClock('', () => T0)).toThrow(ValidationError);
    expect(() => new HybridClock('has space', () => T0)).toThrow(/node id/);
    expect(() => new HybridClock('node-a', () => T0, 'oops')).toThrow(ValidationError);
  });

  it('hands out strictly growing stamps for any mix of ticks, receives and wall clock jumps', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), jump: fc.integer({ min: -2 * DAY, max: 2 * DAY }) }),
      fc.record({
        kind: fc.constant('receive' as const),
        jump: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
        offset: fc.integer({ min: -400 * DAY, max: 400 * DAY }),
        counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const wall = manualClock();
        const clock = new HybridClock('node-a', wall.now);
        let previous = clock.last;
        for (const e of events) {
          wall.set(Math.max(0, wall.now() + e.jump));
          let stamp: string;
          if (e.kind === 'tick') {
            stamp = clock.tick();
          } else {
            const remoteWall = Math.max(0, wall.now() + e.offset);
            const remote = encodeHlc({ wall: remoteWall, counter: e.counter, node: 'node-b' });
            stamp = clock.receive(remote);
            // Within the drift limit a received stamp is always passed.
            if (remoteWall <= wall.now() + MAX_CLOCK_DRIFT_MS) expect(compareHlc(remote, stamp)).toBe(-1);
          }
          expect(compareHlc(previous, stamp)).toBe(-1);
          previous = stamp;
        }
      }),
    );
  });
});
