import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser.js';

const parseAll = (chunks: string[]) => {
  const events: SseEvent[] = [];
  const feed = createSseParser((e) => events.push(e));
  for (const chunk of chunks) feed(chunk);
  return events;
};

describe('createSseParser', () => {
  const stream =
    'event: hello\ndata: {"changeSeq":3}\n\n: ping\n\nevent: changed\r\ndata: a\r\ndata:b\r\n\r\ndata: plain\n\n';
  const expected = [
    { event: 'hello', data: '{"changeSeq":3}' },
    { event: 'changed', data: 'a\nb' },
    { event: 'message', data: 'plain' },
  ];

  it('reads events, joins data lines, skips comments', () => {
    expect(parseAll([stream])).toEqual(expected);
  });

  it('gives the same events however the bytes are split, even inside a CRLF', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks = stream.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(parseAll(chunks)).toEqual(expected);
    }
  });

  it('holds back an event until its blank line arrives', () => {
    expect(parseAll(['event: changed\ndata: x\n'])).toEqual([]);
  });
});
