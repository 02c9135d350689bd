import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../state/workspace-store.js';
import { ConnectionForm } from './ConnectionForm.js';

/** The form as first drawn, with the address filled in (the token field starts empty). */
function render(travelMode: boolean): string {
  const services = { bridge: {}, info: {}, workspace: {} } as unknown as AppServices;
  return renderToStaticMarkup(
    <ServicesContext value={services}>
      <ConnectionForm initialUrl="http://127.0.0.1:8787" travelMode={travelMode} />
    </ServicesContext>,
  );
}

/** The opening tag of the element with this test id. */
const tagOf = (html: string, testId: string) =>
  html.match(new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`))?.[0];

describe('connection screen in travel mode', () => {
  it('says why Test connection and Connect are off, and offers to turn travel mode off', () => {
    const html = render(true);
    expect(html).toContain('Travel mode is on, so Tether uses no network');
    expect(html).toContain('data-testid="connection-travel-off"');
    for (const id of ['connection-test', 'connection-save']) {
      const tag = tagOf(html, id)!;
      expect(tag).toContain('disabled');
      expect(tag).toContain('aria-describedby=');
      expect(tag).toContain('title="Travel mode is on: no network use"');
    }
  });

  it('without travel mode there is no note and no travel reason on the buttons', () => {
    const html = render(false);
    expect(html).not.toContain('connection-travel-note');
    expect(tagOf(html, 'connection-test')).not.toContain('aria-describedby');
  });
});
