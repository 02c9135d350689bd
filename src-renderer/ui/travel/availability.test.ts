import { describe, expect, it } from 'vitest';
import { incompleteChoices, namespaceAvailability } from './availability.js';

const namespaces = [
  { path: 'Acme', itemCount: 3, owners: [], explicit: true },
  { path: 'Acme.Billing', itemCount: 2, owners: [], explicit: false },
  { path: 'Tools', itemCount: 1, owners: [], explicit: false },
];

describe('namespaceAvailability', () => {
  it('lists top-level namespaces, complete once history is local and main was synced', () => {
    const done = namespaceAvailability({
      namespaces,
      serverConfigured: true,
      historyComplete: true,
      mainSynced: true,
    });
    expect(done.map((n) => [n.path, n.complete])).toEqual([
      ['Acme', true],
      ['Tools', true],
    ]);
    expect(done[0]?.detail).toBe('3 items · complete history on this computer');
  });

  it('is incomplete while history downloads or before the first sync, and says which', () => {
    const filling = namespaceAvailability({
      namespaces,
      serverConfigured: true,
      historyComplete: false,
      mainSynced: true,
    });
    expect(filling[1]?.detail).toBe('1 item · history still downloading');
    expect(incompleteChoices(filling, ['Tools'])).toEqual(['Tools']);
    const never = namespaceAvailability({
      namespaces,
      serverConfigured: true,
      historyComplete: true,
      mainSynced: false,
    });
    expect(never[0]?.detail).toMatch(/not synced yet/);
    expect(incompleteChoices(never, [])).toEqual([]);
  });

  it('counts everything as complete without a server (it is all local)', () => {
    const local = namespaceAvailability({
      namespaces,
      serverConfigured: false,
      historyComplete: false,
      mainSynced: false,
    });
    expect(local.every((n) => n.complete)).toBe(true);
  });
});

describe('namespaceAvailability after eviction', () => {
  it('a namespace with evicted history is not complete, and says why', () => {
    const after = namespaceAvailability({
      namespaces,
      serverConfigured: true,
      historyComplete: true,
      mainSynced: true,
      evictedPaths: ['Acme.Billing.charge', 'Acmeish.x'],
    });
    expect(after.map((n) => [n.path, n.complete])).toEqual([
      ['Acme', false],
      ['Tools', true],
    ]);
    expect(after[0]?.detail).toBe('3 items · older history of 1 item removed to free space');
    expect(incompleteChoices(after, ['Acme', 'Tools'])).toEqual(['Acme']);
  });
});
