import type { MenuCommand } from '../../src-shared/bridge/index.js';

/** Everything the keyboard, the app menu and buttons can ask for. Menu commands are a subset. */
export type Command =
  | MenuCommand
  | 'shortcuts.open'
  | 'item.rename'
  | 'item.move'
  | 'item.delete'
  | 'item.undoDelete'
  | 'item.open'
  | 'list.up'
  | 'list.down'
  | 'list.home'
  | 'list.end'
  | 'list.pageUp'
  | 'list.pageDown';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Global shortcuts work anywhere (unless a dialog is open); list shortcuts only while the list has focus. */
export type ShortcutScope = 'global' | 'list';

export interface Shortcut {
  command: Command;
  scope: ShortcutScope;
  /** Keys as KeyboardEvent.key, lower-cased for letters. */
  keys: string[];
  mod?: boolean;
  shift?: boolean;
  /** False for bare keys like "/" that would otherwise eat what the user types. */
  whileTyping: boolean;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    command: 'item.new',
    scope: 'global',
    keys: ['n'],
    mod: true,
    whileTyping: true,
    description: 'New item',
  },
  {
    command: 'namespace.new',
    scope: 'global',
    keys: ['n'],
    mod: true,
    shift: true,
    whileTyping: true,
    description: 'New namespace',
  },
  {
    command: 'branch.switch',
    scope: 'global',
    keys: ['b'],
    mod: true,
    whileTyping: true,
    description: 'Switch branch',
  },
  {
    command: 'search.focus',
    scope: 'global',
    keys: ['k'],
    mod: true,
    whileTyping: true,
    description: 'Filter items',
  },
  { command: 'search.focus', scope: 'global', keys: ['/'], whileTyping: false, description: 'Filter items' },
  {
    command: 'settings.open',
    scope: 'global',
    keys: [','],
    mod: true,
    whileTyping: true,
    description: 'Settings',
  },
  {
    command: 'item.rename',
    scope: 'global',
    keys: ['F2'],
    whileTyping: true,
    description: 'Rename the selected item',
  },
  {
    command: 'queue.open',
    scope: 'global',
    keys: ['u'],
    mod: true,
    shift: true,
    whileTyping: true,
    description: 'Sync queue',
  },
  {
    command: 'shortcuts.open',
    scope: 'global',
    keys: ['?'],
    whileTyping: false,
    description: 'Keyboard shortcuts',
  },
  { command: 'list.up', scope: 'list', keys: ['ArrowUp'], whileTyping: false, description: 'Previous item' },
  { command: 'list.down', scope: 'list', keys: ['ArrowDown'], whileTyping: false, description: 'Next item' },
  { command: 'list.home', scope: 'list', keys: ['Home'], whileTyping: false, description: 'First item' },
  { command: 'list.end', scope: 'list', keys: ['End'], whileTyping: false, description: 'Last item' },
  { command: 'list.pageUp', scope: 'list', keys: ['PageUp'], whileTyping: false, description: 'Page up' },
  {
    command: 'list.pageDown',
    scope: 'list',
    keys: ['PageDown'],
    whileTyping: false,
    description: 'Page down',
  },
  {
    command: 'item.open',
    scope: 'list',
    keys: ['Enter'],
    whileTyping: false,
    description: 'Edit the selected item',
  },
  {
    command: 'item.delete',
    scope: 'list',
    keys: ['Delete', 'Backspace'],
    whileTyping: false,
    description: 'Delete the selected item',
  },
  {
    command: 'item.undoDelete',
    scope: 'list',
    keys: ['z'],
    mod: true,
    whileTyping: false,
    description: 'Undo the last delete',
  },
];

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The command a key press means in a scope, or null. Mod is ⌘ on macOS and Ctrl elsewhere. */
export function matchShortcut(
  e: KeyLike,
  opts: { scope: ShortcutScope; mac: boolean; typing: boolean },
): Command | null {
  const mod = opts.mac ? e.metaKey : e.ctrlKey;
  const otherMod = opts.mac ? e.ctrlKey : e.metaKey;
  if (otherMod || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const s of SHORTCUTS) {
    if (s.scope !== opts.scope || !s.keys.includes(key)) continue;
    if (Boolean(s.mod) !== mod) continue;
    // "?" needs Shift on most layouts, so Shift only counts for shortcuts that name a letter.
    if (/^[a-z]$/.test(key) && Boolean(s.shift) !== e.shiftKey) continue;
    if (opts.typing && !s.whileTyping) continue;
    return s.command;
  }
  return null;
}

/** How a shortcut reads in help and tooltips: "Ctrl+Shift+N", "⌘⇧N", "/". */
export function shortcutLabel(s: Pick<Shortcut, 'keys' | 'mod' | 'shift'>, mac: boolean): string {
  const names: Record<string, string> = {
    ArrowUp: '↑',
    ArrowDown: '↓',
    Enter: 'Enter',
    Delete: 'Delete',
    Backspace: 'Backspace',
    PageUp: 'Page Up',
    PageDown: 'Page Down',
  };
  const keys = s.keys.map((k) => names[k] ?? (k.length === 1 ? k.toUpperCase() : k)).join(' / ');
  if (mac) return `${s.mod ? '⌘' : ''}${s.shift ? '⇧' : ''}${keys}`;
  return [s.mod ? 'Ctrl' : '', s.shift ? 'Shift' : '', keys].filter(Boolean).join('+');
}

/** The label of the first shortcut bound to a command, for button tooltips. */
export function labelFor(command: Command, mac: boolean): string | undefined {
  const s = SHORTCUTS.find((x) => x.command === command);
  return s ? shortcutLabel(s, mac) : undefined;
}

/** True when key presses go into text: inputs, selects and the code editor (contenteditable). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
