import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc.js';
import { hlcWallMs, utf8ByteLength } from './limits.js';

describe('utf8ByteLength', () => {
  it('counts exactly what a UTF-8 encoder writes, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (binary, graphemes) => {
        for (const text of [binary, graphemes, `${binary}\ud800`, `\udc00${graphemes}`]) {
          expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
        }
      }),
    );
  });
});

describe('hlcWallMs', () => {
  it('reads the wall time of a stamp and refuses anything else', () => {
    expect(hlcWallMs(encodeHlc({ wall: 1_700_000_000_123, counter: 4, node: 'laptop' }))).toBe(
      1_700_000_000_123,
    );
    expect(hlcWallMs('1700000000000')).toBeNull();
    expect(hlcWallMs('h1')).toBeNull();
  });
});
