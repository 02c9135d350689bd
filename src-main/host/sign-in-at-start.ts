import { ConnectionCredentialsSchema } from '../../src-shared/bridge/connection.js';
import type { MainCore } from '../core.js';
import { normalizeServerUrl } from '../remote/connection-service.js';

/**
 * `--server` and a token (file, stdin or TETHER_TOKEN) at start: checked against the server like a sign-in
 * from the connection screen. Travel mode saved from the last run means no
 * network use, so the check (and the sign-in) waits: the host starts on what
 * is stored and says why. Returns that notice, or null when it signed in.
 * Bad input or a refused sign-in throws, and nothing is stored.
 */
export async function signInAtStart(
  core: MainCore,
  signIn: { serverUrl: string; token: string },
): Promise<string | null> {
  const parsed = ConnectionCredentialsSchema.safeParse(signIn);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  if (core.syncSettings.get().travelMode) return travelNotice(core, parsed.data.serverUrl);
  await core.connection.set(parsed.data);
  return null;
}

function travelNotice(core: MainCore, serverUrl: string): string {
  const saved = core.connection.get().serverUrl;
  const same = saved !== null && saved === normalizeServerUrl(serverUrl);
  return same
    ? `Travel mode is on, so Tether uses no network: the saved sign-in to ${saved} is used, and checked when travel mode is off.`
    : `Travel mode is on, so Tether uses no network and did not sign in to ${normalizeServerUrl(serverUrl)}. Turn travel mode off, then sign in under Settings → Server.`;
}
