/**
 * Deterministic, code-like text for merge benchmarks: functions, blocks,
 * comments, blank lines and braces, so lines repeat the way source lines do.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function codeLine(random: () => number, n: number): string {
  const v = Math.floor(random() * 5000);
  switch (Math.floor(random() * 10)) {
    case 0:
      return `export function handle${n}(input: Request${v % 40}, options = {}) {`;
    case 1:
      return `  const value${v} = compute(input.field${v % 97}, ${v});`;
    case 2:
      return `  if (value${v} > ${v % 100}) return fallback(value${v});`;
    case 3:
      return '  }';
    case 4:
      return '}';
    case 5:
      return '';
    case 6:
      return `  // keep ${v % 13 === 0 ? 'this in sync with the server' : `step ${v}`}`;
    case 7:
      return `  for (const item of list${v % 50}) total += item.amount * ${v % 7};`;
    case 8:
      return '  return result;';
    default:
      return `  log.debug('handled ${n}', { id: value${v} });`;
  }
}

export function codeLikeLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => codeLine(random, n));
}

export interface MergeCase {
  base: string;
  local: string;
  remote: string;
}

/**
 * A base of `count` lines and two sides that each change about `rate` of
 * the lines (mostly edits, some inserts and deletes); a fifth of remote's
 * changes land on lines local changed too, half of those identically.
 */
export function codeLikeMergeCase(count: number, rate: number, seed: number): MergeCase {
  const random = seededRandom(seed);
  const base = codeLikeLines(count, seed + 1);
  const localEdits = new Map<number, string[]>();
  const remoteEdits = new Map<number, string[]>();
  const changes = Math.round(count * rate);
  const edit = (at: number, tag: string): string[] => {
    const roll = random();
    if (roll < 0.15) return [];
    const line = `  const ${tag}${at} = patched(${Math.floor(random() * 1e6)});`;
    return roll < 0.3 ? [base[at] as string, line] : [line];
  };
  for (let k = 0; k < changes; k++) {
    const at = Math.floor(random() * count);
    localEdits.set(at, edit(at, 'mine'));
  }
  const localAt = [...localEdits.keys()];
  for (let k = 0; k < changes; k++) {
    const overlap = random() < 0.2;
    const at = overlap
      ? (localAt[Math.floor(random() * localAt.length)] as number)
      : Math.floor(random() * count);
    remoteEdits.set(at, overlap && random() < 0.5 ? (localEdits.get(at) as string[]) : edit(at, 'theirs'));
  }
  const apply = (edits: Map<number, string[]>): string =>
    base.flatMap((line, at) => edits.get(at) ?? [line]).join('\n') + '\n';
  return { base: base.join('\n') + '\n', local: apply(localEdits), remote: apply(remoteEdits) };
}
