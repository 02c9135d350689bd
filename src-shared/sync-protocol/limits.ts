import { decodeHlc, isHlc } from '../clock/hlc.js';

/** Limits the server enforces; clients size their batches by them. */

/** Most ops in one push. */
export const MAX_PUSH_OPS = 1000;
/** Most bytes in one request body (a push of ops or branches). */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;
/** Most branches in one branch push. */
export const MAX_PUSH_BRANCHES = 200;
/** Default and largest page for pulls. */
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/**
 * An op whose HLC wall time is further ahead of the server's clock than this
 * is still accepted, but its acknowledgement carries `clockAheadMs` so the
 * client can tell the user their clock is wrong (see ops.ts).
 */
export const CLOCK_AHEAD_WARN_MS = 24 * 60 * 60 * 1000;

/**
 * UTF-8 size of a string. The model's content rule counts UTF-16 units; the
 * wire limit is in bytes, and this layer has no TextEncoder type to lean on.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The wall-clock part of an op's HLC stamp (ms since the epoch), or null when
 * the string is not a stamp in the shared format (src-shared/clock).
 */
export function hlcWallMs(hlc: string): number | null {
  return isHlc(hlc) ? decodeHlc(hlc).wall : null;
}
