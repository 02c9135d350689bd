/** First line of the notice RxDB's open-source Dexie storage prints on its first write. */
const NOTICE_START = '-------------- RxDB Open Core RxStorage';

let contained = false;

/**
 * RxDB prints a ten-line advertisement to console.warn on the first write of
 * a process, which buries real warnings in the dev tools and test output.
 * This drops exactly that message, once, and passes everything else through;
 * after the notice has gone by the original console.warn is put back.
 */
export function containStorageNotice(): void {
  if (contained) return;
  contained = true;
  const original = console.warn;
  const filter = (...args: unknown[]): void => {
    if (typeof args[0] === 'string' && args[0].startsWith(NOTICE_START)) {
      if (console.warn === filter) console.warn = original;
      return;
    }
    original.apply(console, args);
  };
  console.warn = filter;
}
