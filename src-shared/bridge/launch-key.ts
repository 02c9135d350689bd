/**
 * The browser-mode bridge's per-launch key. The headless host makes one at
 * each start and prints it only in the address it gives the user; the page
 * it served sends it when it opens the bridge socket, and a socket without it
 * is closed with BRIDGE_REFUSED_CLOSE. (Electron's bridge is IPC and checks
 * the sender instead.)
 */

/** The query parameter that carries the key, in the page's address and on the bridge socket. */
export const BRIDGE_KEY_PARAM = 'key';

/** WebSocket close code (application range) for a socket refused for lack of the key. */
export const BRIDGE_REFUSED_CLOSE = 4401;

/** Why the socket was closed: the page shows it, so it says what the user can do. */
export const BRIDGE_REFUSED_REASON =
  "This page does not hold this launch's key: open Tether from the address the host printed.";

/** base64url of 32 random bytes: what the host makes, and the least a launcher may give. */
export const BRIDGE_KEY_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;
