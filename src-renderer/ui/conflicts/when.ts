import { decodeHlc } from '../../../src-shared/clock/hlc.js';

/** "5 min ago" from an op's clock stamp (its wall part). */
export function relativeTime(hlc: string, now = Date.now()): string {
  let wall: number;
  try {
    wall = decodeHlc(hlc).wall;
  } catch {
    return 'at an unknown time';
  }
  const s = Math.max(0, Math.round((now - wall) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(wall).toLocaleDateString();
}
