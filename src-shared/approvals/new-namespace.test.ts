import { describe, expect, it } from 'vitest';
import type { Namespace } from '../model/index.js';
import { newNamespaceOwner, newNamespaceOwnerText, ownsNewNamespace } from './new-namespace.js';

const ns = (path: string, owners: string[]): Namespace => ({ path, owners, updatedAt: 1 });

describe('who will own a new namespace', () => {
  it('says the creator owns it only when the server will agree', () => {
    const records = [ns('Acme', ['alice']), ns('Other.Team', ['carol'])];
    const cases: [string, string, 'first-push' | 'admin' | null, string, boolean][] = [
      ['Acme.Billing', 'alice', 'first-push', 'yours', true],
      ['Acme.Billing', 'bob', 'first-push', 'owned', false],
      ['Newco.Billing', 'bob', 'first-push', 'claim', true],
      ['Newco.Billing', 'bob', 'admin', 'admin', false],
      ['Newco.Billing', 'bob', null, 'unknown', false],
      // Someone owns a namespace under Other: nobody can claim Other by pushing.
      ['Other.Billing', 'bob', 'first-push', 'admin', false],
    ];
    for (const [path, user, claim, kind, owns] of cases) {
      const owner = newNamespaceOwner(path, user, records, claim);
      expect([path, user, claim, owner.kind, ownsNewNamespace(owner)]).toEqual([
        path,
        user,
        claim,
        kind,
        owns,
      ]);
    }
  });

  it('words each case without promising what the server will not do', () => {
    const text = (path: string, user: string, claim: 'first-push' | 'admin' | null) =>
      newNamespaceOwnerText(newNamespaceOwner(path, user, [ns('Acme', ['alice'])], claim));
    expect(text('Acme.Billing', 'alice', 'admin')).toBe('You own Acme, so the new one is yours.');
    expect(text('Acme.Billing', 'bob', 'first-push')).toBe(
      'alice owns it: your edits there wait for their approval.',
    );
    expect(text('Newco.X', 'bob', 'first-push')).toMatch(/Nobody owns Newco yet: your first sync/);
    expect(text('Newco.X', 'bob', 'admin')).toMatch(/only an admin names owners/);
  });
});
