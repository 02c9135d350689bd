import { safeStorage } from 'electron';
import { join } from 'node:path';
import { forgeTokenStore, type ForgeTokenStore } from '../links/forge-tokens.js';
import { fileSecretStore, type SecretCodec, type SecretStore } from '../remote/secret-store.js';

/**
 * Electron keeps the server token encrypted with the OS keychain (safeStorage)
 * in `<userData>/credentials.bin`, mode 0600. Where the OS offers no
 * encryption (a Linux session without a keyring), signing in fails with a
 * clear message rather than writing the token in the clear.
 */
export function electronSecretStore(userData: string): SecretStore {
  return fileSecretStore(join(userData, 'credentials.bin'), safeStorageCodec('the server token'));
}

/** The forges' tokens (linked namespaces' push), beside the server token and encrypted the same way. */
export function electronForgeTokenStore(userData: string): ForgeTokenStore {
  return forgeTokenStore(join(userData, 'forge-credentials.bin'), safeStorageCodec('a forge token'));
}

function safeStorageCodec(what: string): SecretCodec {
  return {
    encode(json) {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error(`This system offers no secure storage for ${what} (no keyring); cannot keep it`);
      return safeStorage.encryptString(json);
    },
    decode: (bytes) => safeStorage.decryptString(bytes),
  };
}
