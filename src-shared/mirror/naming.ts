import { ItemPathSchema, type ItemKind } from '../model/index.js';

/**
 * How an item is named in the mirror folder: namespace segments become
 * folders, the name becomes the file, and the kind picks the extension. Item
 * names hold no dots, so everything after the first dot is the extension and
 * the mapping runs both ways without guessing.
 */
export const EXTENSION_BY_KIND: Readonly<Record<ItemKind, string>> = {
  fn: '.ts',
  type: '.type.ts',
  value: '.value.ts',
  component: '.yaml',
  doc: '.md',
};

const KIND_BY_EXTENSION = new Map<string, ItemKind>(
  Object.entries(EXTENSION_BY_KIND).map(([kind, ext]) => [ext, kind as ItemKind]),
);

/** Files larger than this are not imported (an item's content is at most 1 MiB). */
export const MAX_MIRROR_FILE_BYTES = 1024 * 1024;

/** `Acme.Billing.charge` (fn) → `Acme/Billing/charge.ts`, always with forward slashes. */
export function fileNameFor(path: string, kind: ItemKind): string {
  return `${path.split('.').join('/')}${EXTENSION_BY_KIND[kind]}`;
}

export type FileNaming =
  | { ok: true; path: string; kind: ItemKind }
  /** Tether's own or an editor's file (dotfiles, temp files): passed over without a word. */
  | { ok: false; quiet: true }
  | { ok: false; quiet: false; reason: string };

/** What a file in the folder stands for, or why it stands for no item. `relPath` uses forward slashes. */
export function itemForFile(relPath: string): FileNaming {
  const parts = relPath.split('/');
  if (parts.some((part) => part.startsWith('.')) || relPath.endsWith('~')) return { ok: false, quiet: true };
  if (relPath.startsWith('/') || parts.some((part) => part === '' || part === '..')) {
    return refuse('its path leads outside the folder');
  }
  const file = parts[parts.length - 1] ?? '';
  const dot = file.indexOf('.');
  if (dot <= 0) return refuse(`it has no extension (use ${describeExtensions()})`);
  const kind = KIND_BY_EXTENSION.get(file.slice(dot));
  if (!kind)
    return refuse(`its extension "${file.slice(dot)}" is not one Tether knows (use ${describeExtensions()})`);
  if (parts.length < 2) return refuse('it is not inside a namespace folder (like Acme/charge.ts)');
  const path = [...parts.slice(0, -1), file.slice(0, dot)].join('.');
  if (!ItemPathSchema.safeParse(path).success) {
    return refuse(
      'each folder and file name must start with a letter or _ and hold only letters, digits, _ or - (at most 64)',
    );
  }
  return { ok: true, path, kind };
}

function refuse(reason: string): FileNaming {
  return { ok: false, quiet: false, reason };
}

function describeExtensions(): string {
  return Object.values(EXTENSION_BY_KIND).join(', ');
}
