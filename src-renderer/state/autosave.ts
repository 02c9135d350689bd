/**
 * Saves an editor's text after typing settles, on demand (blur, Ctrl+S) and
 * never two writes at once: a change made while a save runs is written right
 * after it. "saved" is reported only when the save promise resolved, which is
 * when the workspace has made the op durable.
 */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface AutosaveOptions {
  save: (content: string) => Promise<void>;
  onState: (state: SaveState, error: unknown) => void;
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Autosaver {
  private pending: string | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private state: SaveState = 'saved';
  private disposed = false;
  private readonly delayMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: AutosaveOptions) {
    this.delayMs = opts.delayMs ?? 500;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get current(): SaveState {
    return this.state;
  }

  /** True while some text has not reached the workspace yet. */
  get hasUnsaved(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  change(content: string): void {
    this.pending = content;
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      // A failure is already reported through onState; the text stays pending for a retry.
      this.flush().catch(() => undefined);
    }, this.delayMs);
    if (!this.inFlight) this.report('dirty');
  }

  /** Writes whatever is pending now; resolves when everything typed so far is saved (or failed). */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.inFlight || this.pending !== null) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      const content = this.pending as string;
      this.pending = null;
      this.inFlight = this.write(content);
    }
  }

  /** Stops the timer; a write already started still finishes. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private async write(content: string): Promise<void> {
    this.report('saving');
    try {
      await this.opts.save(content);
      this.inFlight = null;
      if (this.pending === null) this.report('saved');
    } catch (err) {
      this.inFlight = null;
      // Keep the text so the next change or flush retries it; nothing typed is dropped.
      if (this.pending === null) this.pending = content;
      this.cancelTimer();
      this.report('error', err);
      throw err;
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private report(state: SaveState, error: unknown = null): void {
    this.state = state;
    if (!this.disposed) this.opts.onState(state, error);
  }
}
