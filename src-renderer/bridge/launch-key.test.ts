import { describe, expect, it } from 'vitest';
import { takeLaunchKey, type PageLike } from './launch-key.js';

/** A page at `href` with its own sessionStorage and history, as a browser tab has. */
function page(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const p = {
    location: { href },
    history: {
      state: { route: 'x' } as unknown,
      replaceState(_state: unknown, _title: string, url?: string | URL | null) {
        p.location.href = new URL(String(url), p.location.href).href;
      },
    },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
  } satisfies PageLike;
  return { p, storage };
}

describe('takeLaunchKey', () => {
  it('takes the key from the address, keeps it for this tab, and removes it from the address', () => {
    const { p, storage } = page('http://127.0.0.1:4477/?key=abc&view=x#frag');
    expect(takeLaunchKey(p)).toBe('abc');
    expect(p.location.href).toBe('http://127.0.0.1:4477/?view=x#frag');
    expect([...storage.values()]).toEqual(['abc']);
  });

  it('finds it again after a reload (the address no longer has it)', () => {
    const { p } = page('http://127.0.0.1:4477/?key=abc');
    takeLaunchKey(p);
    expect(takeLaunchKey(p)).toBe('abc');
  });

  it('prefers a new address key over a stored one (the host restarted and printed a new address)', () => {
    const { p } = page('http://127.0.0.1:4477/?key=new', { 'tether.bridgeKey': 'old' });
    expect(takeLaunchKey(p)).toBe('new');
    expect(takeLaunchKey(p)).toBe('new');
  });

  it('has none when the page was opened without it', () => {
    expect(takeLaunchKey(page('http://127.0.0.1:4477/').p)).toBeNull();
  });
});
