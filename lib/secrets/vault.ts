import { openWithKey, parseSealed, sealWithKey } from './envelope';
import { KeyRingStore, type VaultKeySettings } from './key-ring';

/** Seals and opens secrets with the pairs of one key ring (format in ./envelope.ts, ring layout in ./key-ring.ts). */
export class Vault {
  readonly keys: KeyRingStore;

  constructor(settings: VaultKeySettings) {
    this.keys = new KeyRingStore(settings);
  }

  /** Loads the key pair, or generates one into the data directory (logging its path). */
  async ensureKey(): Promise<void> {
    await this.keys.load();
  }

  async seal(plain: string): Promise<string> {
    return sealWithKey(plain, (await this.keys.load()).active);
  }

  /** Throws SecretIntegrityError if the sealed text was altered, VaultKeyMissingError if its key pair is gone. */
  async open(sealed: string): Promise<string> {
    const parts = parseSealed(sealed);
    return openWithKey(parts, await this.keys.find(parts.keyId));
  }

  /** Id of the pair that seals new secrets (shown by the rotation command and tests). */
  async activeKeyId(): Promise<string> {
    return (await this.keys.load()).active.id;
  }
}
