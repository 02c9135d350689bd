import { isWithinNamespace, type Namespace } from '../model/index.js';
import type { NamespaceClaim } from '../sync-protocol/index.js';
import { governingOwners } from './ownership.js';

/** Who will own a namespace someone is about to create, as far as this machine knows. */
export type NewNamespaceOwner =
  | { kind: 'yours'; governing: string }
  | { kind: 'claim'; root: string }
  | { kind: 'owned'; owners: string[] }
  | { kind: 'admin'; root: string }
  | { kind: 'unknown'; root: string };

/**
 * Mirrors the server's rule (store/namespace-claims.ts): a namespace belongs
 * to whoever governs it (its owners and those above it); when nobody owns
 * anything under its top-level namespace, the first push claims that for the
 * pusher if the server's setting (`claim`, null when not known) allows it.
 */
export function newNamespaceOwner(
  path: string,
  user: string,
  records: readonly Namespace[],
  claim: NamespaceClaim | null,
): NewNamespaceOwner {
  const owners = governingOwners(path, records);
  if (owners.includes(user)) {
    const governing = records.find((r) => r.owners.includes(user) && isWithinNamespace(path, r.path));
    return { kind: 'yours', governing: governing?.path ?? path };
  }
  if (owners.length > 0) return { kind: 'owned', owners };
  const root = path.split('.')[0] as string;
  const taken = records.some((r) => r.owners.length > 0 && isWithinNamespace(r.path, root));
  if (taken || claim === 'admin') return { kind: 'admin', root };
  return claim === 'first-push' ? { kind: 'claim', root } : { kind: 'unknown', root };
}

/** True when the creator may record themself as its owner locally (the server will agree). */
export function ownsNewNamespace(owner: NewNamespaceOwner): boolean {
  return owner.kind === 'yours' || owner.kind === 'claim';
}

/** The dialog's sentence about ownership, in the product's words. */
export function newNamespaceOwnerText(owner: NewNamespaceOwner): string {
  switch (owner.kind) {
    case 'yours':
      return `You own ${owner.governing}, so the new one is yours.`;
    case 'claim':
      return `Nobody owns ${owner.root} yet: your first sync into it makes you its owner.`;
    case 'owned':
      return `${owner.owners.join(', ')} ${owner.owners.length === 1 ? 'owns' : 'own'} it: your edits there wait for their approval.`;
    case 'admin':
      return `Nobody owns it, and on this server only an admin names owners: your edits there wait for approval until then.`;
    case 'unknown':
      return `Nobody owns ${owner.root} yet. If the server lets the first person to sync claim it, that is you; otherwise an admin names its owners.`;
  }
}
