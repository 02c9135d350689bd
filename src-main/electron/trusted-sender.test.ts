import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './trusted-sender.js';

const rendererUrl = 'file:///opt/Tether/resources/app.asar/dist/renderer/index.html';
const contents = { id: 1 };
const win = { webContents: contents, isDestroyed: () => false };
const topFrame = (url = rendererUrl) => ({ parent: null, url });

describe('isTrustedSender (Electron IPC bridge)', () => {
  it("accepts our window's top frame on our page, with any route in query or hash", () => {
    expect(isTrustedSender({ sender: contents, senderFrame: topFrame() }, win, rendererUrl)).toBe(true);
    const routed = topFrame(`${rendererUrl}?view=x#item`);
    expect(isTrustedSender({ sender: contents, senderFrame: routed }, win, rendererUrl)).toBe(true);
  });

  it('refuses another window, an iframe, another page, a closed window and a gone frame', () => {
    const cases: Array<[string, Parameters<typeof isTrustedSender>]> = [
      ['another window', [{ sender: { id: 2 }, senderFrame: topFrame() }, win, rendererUrl]],
      [
        'an iframe',
        [{ sender: contents, senderFrame: { parent: topFrame(), url: rendererUrl } }, win, rendererUrl],
      ],
      [
        'a web page',
        [{ sender: contents, senderFrame: topFrame('https://evil.example/') }, win, rendererUrl],
      ],
      [
        'another file',
        [{ sender: contents, senderFrame: topFrame('file:///tmp/evil.html') }, win, rendererUrl],
      ],
      ['no window yet', [{ sender: contents, senderFrame: topFrame() }, null, rendererUrl]],
      [
        'a closed window',
        [{ sender: contents, senderFrame: topFrame() }, { ...win, isDestroyed: () => true }, rendererUrl],
      ],
      ['a frame that is gone', [{ sender: contents, senderFrame: null }, win, rendererUrl]],
    ];
    for (const [what, args] of cases) expect(isTrustedSender(...args), what).toBe(false);
  });
});
