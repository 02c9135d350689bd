import { BRIDGE_KEY_PARAM } from '../../src-shared/bridge/launch-key.js';

const STORAGE_KEY = 'tether.bridgeKey';

export interface PageLike {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The host's launch key for this tab. It arrives once in the address the host
 * printed; it is kept in sessionStorage (this tab and this origin only, so a
 * reload still works) and taken out of the address bar, so it does not linger
 * in history, screenshots or a copied link.
 */
export function takeLaunchKey(page: PageLike): string | null {
  const url = new URL(page.location.href);
  const fromAddress = url.searchParams.get(BRIDGE_KEY_PARAM);
  if (fromAddress) {
    url.searchParams.delete(BRIDGE_KEY_PARAM);
    try {
      page.sessionStorage.setItem(STORAGE_KEY, fromAddress);
    } catch {
      // Storage refused (e.g. disabled): the key still serves this page until it is reloaded.
    }
    page.history.replaceState(page.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromAddress;
  }
  try {
    return page.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The bridge socket of the page's own host (browser mode), with the key when the page has one. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, key: string | null): string {
  const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
  return key ? `${base}?${BRIDGE_KEY_PARAM}=${encodeURIComponent(key)}` : base;
}
