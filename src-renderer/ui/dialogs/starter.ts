import type { ItemKind } from '../../../src-shared/model/index.js';

/** A first line or two for a new item, so the editor opens on something of the right shape. */
export function starterContent(kind: ItemKind, name: string): string {
  switch (kind) {
    case 'fn':
      return `export function ${name}() {\n  \n}\n`;
    case 'type':
      return `export type ${name} = {\n  \n};\n`;
    case 'value':
      return `export const ${name} = null;\n`;
    case 'component':
      return `name: ${name}\nversion: 1\n`;
    case 'doc':
      return `# ${name}\n\n`;
  }
}

/** Joins a namespace and a name the way item paths are written; blanks are trimmed away. */
export function itemPath(namespace: string, name: string): string {
  const ns = namespace.trim().replace(/\.+$/, '');
  return ns ? `${ns}.${name.trim()}` : name.trim();
}
