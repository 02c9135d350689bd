import { safeStorage } from 'electron';
import { join } from 'node:path';
import { fileSecretStore, type SecretStore } from '../remote/secret-store.js';

/**
 * Electron keeps the server token encrypted with the OS keychain (safeStorage)
 * in `<userData>/credentials.bin`, mode 0600. Where the OS offers no
 * encryption (a Linux session without a keyring), signing in fails with a
 * clear message rather than writing the token in the clear.
 */
export function electronSecretStore(userData: string): SecretStore {
  return fileSecretStore(join(userData, 'credentials.bin'), {
    encode(json) {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error(
          'This system offers no secure storage for the server token (no keyring); cannot sign in',
        );
      return safeStorage.encryptString(json);
    },
    decode: (bytes) => safeStorage.decryptString(bytes),
  });
}
