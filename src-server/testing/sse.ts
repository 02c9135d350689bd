export interface SseEvent {
  event: string;
  data: unknown;
}

/** Opens an SSE stream with fetch and collects its events (and comment lines). */
export async function openStream(url: string, token: string, scheme = 'Bearer') {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `${scheme} ${token}` },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parseBlock(buffer.slice(0, end), events, comments);
          buffer = buffer.slice(end + 2);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
  })();

  const waitFor = (predicate: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  /** `ended` settles when the server ends the stream (or it is closed here). */
  return { response, events, comments, waitFor, ended, close: () => controller.abort() };
}

function parseBlock(block: string, events: SseEvent[], comments: string[]): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
}
