import { isMap, isScalar, parse, parseDocument, Scalar } from 'yaml';

/**
 * A component usually names itself in a top-level `name:` field, and the new
 * item dialog writes the item's name there. Renaming the item in Tether
 * renames that field in the same op when it still holds the old name; a
 * field the user made different from the item's name is theirs and stays, as
 * does anything in YAML that does not parse. Only the value's characters
 * change: comments, order and quoting are kept.
 *
 * Returns the new content, or null when the content is left as it is.
 */
export function renameComponentName(content: string, oldName: string, newName: string): string | null {
  if (oldName === newName) return null;
  const doc = parseDocument(content);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const value = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name')?.value;
  if (!isScalar(value) || value.value !== oldName || !value.range) return null;
  const written = writeLike(value, newName);
  if (written === null) return null;
  return content.slice(0, value.range[0]) + written + content.slice(value.range[1]);
}

/** The new name in the old value's quoting; plain only where YAML reads it back as that string. */
function writeLike(old: Scalar, name: string): string | null {
  switch (old.type) {
    case Scalar.QUOTE_DOUBLE:
      return JSON.stringify(name);
    case Scalar.QUOTE_SINGLE:
      return `'${name.replace(/'/g, "''")}'`;
    case Scalar.PLAIN:
      return readsAs(name) ? name : JSON.stringify(name);
    default:
      return null; // a block scalar for a name: unusual enough to leave alone
  }
}

function readsAs(name: string): boolean {
  try {
    return (parse(`name: ${name}`) as { name?: unknown } | null)?.name === name;
  } catch {
    return false;
  }
}
