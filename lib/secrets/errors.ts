// Error classes of the vault. Messages name key ids and table rows, never secret material.

/** A sealed secret was altered, truncated or is not a sealed secret at all. */
export class SecretIntegrityError extends Error {
  constructor(message: string) {
    super(`Sealed secret rejected: ${message}`);
    this.name = 'SecretIntegrityError';
  }
}

/** A sealed secret names a key pair this instance does not have (lost key file, or another data directory). */
export class VaultKeyMissingError extends Error {
  readonly keyId: string;

  constructor(keyId: string) {
    super(`Vault key ${keyId} is not available: restore its PEM file into the keys directory or set it via AXONGATE_RSA_PRIVATE_KEY(_FILE)`);
    this.name = 'VaultKeyMissingError';
    this.keyId = keyId;
  }
}

/** The vault key from the environment or a key file cannot be used. */
export class VaultKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultKeyConfigError';
  }
}

/** Any failure to decrypt a login field. One message for every cause, so the answer is no padding oracle. */
export class LoginFieldError extends Error {
  constructor() {
    super('Encrypted login field could not be decrypted');
    this.name = 'LoginFieldError';
  }
}
