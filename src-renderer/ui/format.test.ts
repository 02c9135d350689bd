import { describe, expect, it } from 'vitest';
import { plural, relativeTime } from './format.js';
import { resolveTheme, toggledTheme } from '../app/theme.js';
import { itemPath, starterContent } from './dialogs/starter.js';

const MIN = 60_000;

describe('relativeTime', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('speaks in the largest sensible unit', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * MIN, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 60 * MIN, now)).toBe('3 h ago');
    expect(relativeTime(now - 24 * 60 * MIN, now)).toBe('yesterday');
    expect(relativeTime(now - 4 * 24 * 60 * MIN, now)).toBe('4 days ago');
  });
  it('does not claim a future time is in the past (clock skew)', () => {
    expect(relativeTime(now + 5 * MIN, now)).toBe('in the future');
  });
});

describe('small helpers', () => {
  it('pluralises', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(2, 'item')).toBe('2 items');
    expect(plural(0, 'change')).toBe('0 changes');
  });
  it('resolves and toggles themes against the OS preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(toggledTheme('system', true)).toBe('light');
    expect(toggledTheme('light', false)).toBe('dark');
  });
  it('joins namespace and name, ignoring stray blanks and dots', () => {
    expect(itemPath(' Acme.Billing. ', ' charge ')).toBe('Acme.Billing.charge');
    expect(itemPath('', 'charge')).toBe('charge');
  });
  it('starts a component as YAML and a function as code', () => {
    expect(starterContent('component', 'checkout')).toMatch(/^name: checkout\n/);
    expect(starterContent('fn', 'charge')).toMatch(/^export function charge\(\)/);
  });
});
