import { describe, expect, it } from 'vitest';
import { matchShortcut, shortcutLabel, type KeyLike } from './shortcuts.js';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const global = { scope: 'global' as const, mac: false, typing: false };

describe('matchShortcut', () => {
  it('maps Ctrl shortcuts on Linux/Windows and ⌘ on macOS', () => {
    expect(matchShortcut(key('n', { ctrlKey: true }), global)).toBe('item.new');
    expect(matchShortcut(key('n', { metaKey: true }), global)).toBeNull();
    expect(matchShortcut(key('n', { metaKey: true }), { ...global, mac: true })).toBe('item.new');
    expect(matchShortcut(key('N', { ctrlKey: true, shiftKey: true }), global)).toBe('namespace.new');
    expect(matchShortcut(key(',', { ctrlKey: true }), global)).toBe('settings.open');
    expect(matchShortcut(key('k', { ctrlKey: true }), global)).toBe('search.focus');
  });

  it('leaves bare keys to text fields while typing, but not Ctrl shortcuts', () => {
    expect(matchShortcut(key('/'), global)).toBe('search.focus');
    expect(matchShortcut(key('/'), { ...global, typing: true })).toBeNull();
    expect(matchShortcut(key('?', { shiftKey: true }), { ...global, typing: true })).toBeNull();
    expect(matchShortcut(key('?', { shiftKey: true }), global)).toBe('shortcuts.open');
    expect(matchShortcut(key('b', { ctrlKey: true }), { ...global, typing: true })).toBe('branch.switch');
  });

  it('keeps list keys inside the list scope', () => {
    const list = { ...global, scope: 'list' as const };
    expect(matchShortcut(key('Delete'), global)).toBeNull();
    expect(matchShortcut(key('Delete'), list)).toBe('item.delete');
    expect(matchShortcut(key('Backspace'), list)).toBe('item.delete');
    expect(matchShortcut(key('z', { ctrlKey: true }), list)).toBe('item.undoDelete');
    expect(matchShortcut(key('z', { ctrlKey: true, shiftKey: true }), list)).toBeNull();
    expect(matchShortcut(key('ArrowDown'), list)).toBe('list.down');
    expect(matchShortcut(key('Enter'), list)).toBe('item.open');
  });

  it('ignores Alt combinations and the other platform’s modifier', () => {
    expect(matchShortcut(key('n', { ctrlKey: true, altKey: true }), global)).toBeNull();
    expect(matchShortcut(key('n', { ctrlKey: true, metaKey: true }), global)).toBeNull();
  });
});

describe('shortcutLabel', () => {
  it('reads like the platform writes it', () => {
    const s = { keys: ['n'], mod: true, shift: true };
    expect(shortcutLabel(s, false)).toBe('Ctrl+Shift+N');
    expect(shortcutLabel(s, true)).toBe('⌘⇧N');
    expect(shortcutLabel({ keys: ['Delete', 'Backspace'] }, false)).toBe('Delete / Backspace');
  });
});
