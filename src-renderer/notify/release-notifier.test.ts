import { beforeAll, describe, expect, it } from 'vitest';
import { useSignedInScratch } from '../../src-main/remote/test-support.js';
import { promotionNotice } from '../../src-shared/releases/index.js';
import { makeOp, newId } from '../../src-server/testing/client.js';
import { startReleaseNotifier, type SeenReleases } from './release-notifier.js';

const { as } = useSignedInScratch(['alice', 'bob'], { Acme: ['alice'] });
beforeAll(async () => {
  await as('alice').pushOps([makeOp('alice', { path: 'Acme.charge' })]);
});

async function draft(version: string) {
  const { release } = await as('alice').createRelease({
    requestId: newId('req'),
    id: newId('rel'),
    namespaces: ['Acme'],
    version,
    requiredProofs: 0,
    changes: [{ id: 'FEAT-1', type: 'item', ref: 'x', title: 'Charge', assignee: null }],
  });
  return release;
}
const promote = (release: Awaited<ReturnType<typeof draft>>) =>
  as('alice').promoteRelease(release.id, { requestId: newId('req'), seenRevision: release.revision });

/** Bob's app: one start of it, with the database row of what he saw kept in `stored`. */
function bobStarts(stored: { seen?: SeenReleases }) {
  const announced: string[] = [];
  let news: () => void = () => undefined;
  let reads = 0;
  const stop = startReleaseNotifier({
    api: as('bob'),
    user: 'bob',
    onNews: (listener) => {
      news = listener;
      return () => undefined;
    },
    seen: {
      load: async () => stored.seen,
      save: async (seen) => {
        stored.seen = seen;
      },
    },
    announce: (release) => announced.push(promotionNotice(release)),
    afterRead: async () => {
      reads += 1;
    },
  });
  const read = async () => {
    const before = reads;
    news();
    await expect.poll(() => reads, { timeout: 10_000 }).toBeGreaterThan(before);
  };
  return { announced, stop, read, firstRead: () => expect.poll(() => reads, { timeout: 10_000 }).toBe(1) };
}

describe('promotion notices across restarts', () => {
  it('a promotion made while the app was closed is announced once at the next start, never again', async () => {
    await promote(await draft('0.1.0'));
    const stored: { seen?: SeenReleases } = {};
    // The very first start announces nothing old.
    const first = bobStarts(stored);
    await first.firstRead();
    first.stop();
    expect(first.announced).toEqual([]);

    // Closed: alice promotes 1.0.0, then drafts 55 more, so 1.0.0 is on the list's second page.
    const wanted = await draft('1.0.0');
    for (let i = 0; i < 55; i += 1) await draft(`1.1.${i}`);
    await promote(wanted);

    const second = bobStarts(stored);
    await second.firstRead();
    second.stop();
    expect(second.announced).toEqual(['alice promoted Acme 1.0.0']);

    const third = bobStarts(stored);
    await third.firstRead();
    expect(third.announced).toEqual([]);
    // While open: a promotion is announced when the news comes, and once only.
    await promote(await draft('2.0.0'));
    await third.read();
    await third.read();
    third.stop();
    expect(third.announced).toEqual(['alice promoted Acme 2.0.0']);
  }, 60_000);
});
