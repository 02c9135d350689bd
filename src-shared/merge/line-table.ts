/**
 * An open-addressing hash table from line text to a small integer id. It does
 * the same job as a Map<string, number>, but takes the line's hash from the
 * caller, so a text can be split and hashed in one pass over its characters
 * (interning the base of a 100,000-line merge is the largest single cost).
 */
export class LineTable {
  private slots = new Int32Array(1 << 10).fill(-1);
  private mask = (1 << 10) - 1;
  private hashes = new Int32Array(1 << 9);
  private readonly lines: string[] = [];

  get size(): number {
    return this.lines.length;
  }

  /** The id of `line`, whose hash is `hash` (from hashLine or the same running hash). */
  idOf(line: string, hash: number): number {
    let slot = hash & this.mask;
    for (let id = this.slots[slot] as number; id !== -1; id = this.slots[slot] as number) {
      if (this.hashes[id] === hash && this.lines[id] === line) return id;
      slot = (slot + 1) & this.mask;
    }
    return this.add(line, hash, slot);
  }

  private add(line: string, hash: number, slot: number): number {
    const id = this.lines.length;
    this.lines.push(line);
    if (id === this.hashes.length) {
      const bigger = new Int32Array(id * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id;
    // Keep the table at most half full so probes stay short.
    if (this.lines.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.lines.length; id++) {
      let slot = (this.hashes[id] as number) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a over the UTF-16 code units of a line. */
export function hashLine(line: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * Splits `text` into lines (each keeping its '\n') and hashes them in one
 * pass, calling `take(line, hash)` for each; returns the start offset of
 * every line plus the text length at the end.
 */
export function splitAndHash(text: string, take: (line: string, hash: number) => void): number[] {
  const offsets = [0];
  let start = 0;
  while (start < text.length) {
    let hash = FNV_OFFSET;
    let at = start;
    for (; at < text.length; at++) {
      const c = text.charCodeAt(at);
      hash = Math.imul(hash ^ c, FNV_PRIME);
      if (c === 10) {
        at++;
        break;
      }
    }
    take(text.slice(start, at), hash);
    offsets.push(at);
    start = at;
  }
  return offsets;
}
