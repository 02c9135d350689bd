import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './static-files.js';

const root = resolve('/srv/renderer');

describe('resolveInside', () => {
  it('maps paths inside the folder', () => {
    expect(resolveInside(root, '/')).toBe(root);
    expect(resolveInside(root, '/assets/app.js')).toBe(resolve(root, 'assets/app.js'));
    expect(resolveInside(root, '/a%20b.png')).toBe(resolve(root, 'a b.png'));
  });

  it('refuses anything that could leave it', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/x', '/a/..%2F..%2Fx', '/..\\x', '/x%00.html', '/%E0%A4%A']) {
      expect(resolveInside(root, p), p).toBeNull();
    }
  });
});
