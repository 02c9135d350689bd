import { z } from 'zod';

/** One segment of an item path: a namespace name or the item's own name. */
const SEGMENT = '[A-Za-z_][A-Za-z0-9_-]{0,63}';
/** Segments joined by dots, checked in one pass (every pushed op's path is checked, a thousand a batch). */
const SEGMENTS = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*$`);
export const MAX_PATH_LENGTH = 512;

/**
 * An item path: namespace segments then the item name, dot-separated
 * (`Acme.Billing.charge`). At least one namespace segment is required so every
 * item lives in a namespace that someone can own.
 */
export const ItemPathSchema = z
  .string()
  .max(MAX_PATH_LENGTH, `A path is at most ${MAX_PATH_LENGTH} characters`)
  .refine((p) => p.includes('.'), 'A path needs a namespace and a name, like "Acme.charge"')
  .refine(
    (p) => SEGMENTS.test(p),
    'Each part of a path starts with a letter or _ and holds only letters, digits, _ or -',
  );

/** A namespace path: one or more segments (`Acme`, `Acme.Billing`). */
export const NamespacePathSchema = z
  .string()
  .max(MAX_PATH_LENGTH)
  .refine(
    (p) => SEGMENTS.test(p),
    'Each part of a namespace starts with a letter or _ and holds only letters, digits, _ or -',
  );

export function splitPath(path: string): { namespace: string; name: string } {
  const at = path.lastIndexOf('.');
  return { namespace: path.slice(0, at), name: path.slice(at + 1) };
}

export function joinPath(namespace: string, name: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

/** True when `ns` is `prefix` or lies below it (`Acme.Billing` is within `Acme`). */
export function isWithinNamespace(ns: string, prefix: string): boolean {
  return ns === prefix || ns.startsWith(`${prefix}.`);
}
