import { alignedScrollTop } from '../../../src-shared/conflicts/index.js';

interface Member {
  el: HTMLElement;
  /** Where each chunk starts in this pane, in pixels (chunkOffsets). */
  offsets: readonly number[];
  onScroll: () => void;
}

/**
 * The resolver's panes, scrolling together aligned by chunk. Whichever pane
 * the user scrolls leads; the others are moved to the same chunk. A pane
 * moved by the group fires a scroll event too: it is recognised by the
 * position the group set, and ignored, so panes do not chase each other.
 */
export class ScrollGroup {
  private readonly members = new Map<string, Member>();
  private readonly settingTo = new Map<HTMLElement, number>();

  /** Joins (or, with null, leaves) the group; call again when the pane's rows change. */
  set(name: string, el: HTMLElement | null, offsets: readonly number[]): void {
    const old = this.members.get(name);
    if (old && old.el !== el) old.el.removeEventListener('scroll', old.onScroll);
    if (!el) {
      this.members.delete(name);
      return;
    }
    if (old?.el === el) {
      old.offsets = offsets;
      return;
    }
    const member: Member = { el, offsets, onScroll: () => this.follow(name) };
    el.addEventListener('scroll', member.onScroll, { passive: true });
    this.members.set(name, member);
  }

  /** Moves every other pane to where `name` now is. */
  follow(name: string): void {
    const lead = this.members.get(name);
    if (!lead) return;
    const expected = this.settingTo.get(lead.el);
    if (expected !== undefined) {
      this.settingTo.delete(lead.el);
      if (Math.abs(lead.el.scrollTop - expected) <= 1) return;
    }
    for (const [other, member] of this.members) {
      if (other === name || member.offsets.length !== lead.offsets.length) continue;
      const max = Math.max(0, member.el.scrollHeight - member.el.clientHeight);
      const top = Math.round(
        Math.min(max, alignedScrollTop(lead.offsets, member.offsets, lead.el.scrollTop)),
      );
      if (Math.abs(member.el.scrollTop - top) < 1) continue;
      this.settingTo.set(member.el, top);
      member.el.scrollTop = top;
    }
  }
}
