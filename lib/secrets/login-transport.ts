import 'server-only';
import { constants, createPrivateKey, createPublicKey, generateKeyPair, privateDecrypt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { db } from '../db';
import { LoginFieldError } from './errors';
import { openSecret, sealSecret } from './index';
import { removePkcs1Type2Padding } from './pkcs1-padding';

// The original admin UI may RSA-encrypt the login password (PKCS#1 v1.5, base64) with the key served at
// GET /api/v1/crypto/public-key. That key is a separate 2048-bit pair, never the vault key: answering v1.5
// decryption requests with the vault key would be a padding oracle against the OAEP-wrapped secrets.
// Its private PEM lives sealed in app_secrets so every instance serves the same public key.

export { LoginFieldError } from './errors';

type TransportKey = { publicPem: string; privateKey: KeyObject; modulusBytes: number };

const TRANSPORT_KEY_NAME = 'login_transport_key';
const TRANSPORT_KEY_BITS = 2048;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const generateKeyPairAsync = promisify(generateKeyPair);
const utf8 = new TextDecoder('utf-8', { fatal: true });

type SecretSealer = { seal(plain: string): Promise<string>; open(sealed: string): Promise<string> };

/** The transport pair of one vault: read (or created) on first use, then kept. */
export class LoginTransport {
  private loading: Promise<TransportKey> | undefined;

  constructor(private readonly vault: SecretSealer) {}

  async publicKeyPem(): Promise<string> {
    return (await this.load()).publicPem;
  }

  /**
   * Decrypts one base64 field sent by the login form. Every malformed input throws the same LoginFieldError;
   * callers must answer it exactly like a wrong password.
   */
  async decryptField(base64: string): Promise<string> {
    const key = await this.load();
    try {
      return decryptWithKey(key, base64);
    } catch {
      throw new LoginFieldError();
    }
  }

  private load(): Promise<TransportKey> {
    this.loading ??= this.readOrCreate().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  // Insert-if-absent, then read back: when instances race on first use, every one of them adopts the row that won.
  private async readOrCreate(): Promise<TransportKey> {
    const existing = await db.appSecret.findUnique({ where: { name: TRANSPORT_KEY_NAME } });
    if (existing) return toTransportKey(await this.vault.open(existing.value));

    const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: TRANSPORT_KEY_BITS });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await db.appSecret.createMany({
      data: [{ name: TRANSPORT_KEY_NAME, value: await this.vault.seal(pem) }],
      skipDuplicates: true,
    });
    const stored = await db.appSecret.findUniqueOrThrow({ where: { name: TRANSPORT_KEY_NAME } });
    return toTransportKey(await this.vault.open(stored.value));
  }
}

const processTransport = new LoginTransport({ seal: sealSecret, open: openSecret });

export function getLoginPublicKeyPem(): Promise<string> {
  return processTransport.publicKeyPem();
}

export function decryptLoginField(base64: string): Promise<string> {
  return processTransport.decryptField(base64);
}

function toTransportKey(privatePem: string): TransportKey {
  const privateKey = createPrivateKey(privatePem);
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  return { publicPem, privateKey, modulusBytes };
}

function decryptWithKey(key: TransportKey, base64: string): string {
  const text = base64.replace(/\s+/g, '');
  if (!BASE64_PATTERN.test(text)) throw new LoginFieldError();
  const ciphertext = Buffer.from(text, 'base64');
  // Some browser RSA libraries drop leading zero bytes of the ciphertext; the integer is the same once re-padded.
  if (ciphertext.length === 0 || ciphertext.length > key.modulusBytes) throw new LoginFieldError();
  const block = Buffer.concat([Buffer.alloc(key.modulusBytes - ciphertext.length), ciphertext]);
  const encoded = privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, block);
  if (encoded.length !== key.modulusBytes) throw new LoginFieldError();
  return utf8.decode(removePkcs1Type2Padding(encoded));
}
