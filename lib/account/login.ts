import { decryptLoginField } from '../secrets/login-transport';
import type { UserDto } from '../users/to-user-dto';
import { createApiSession } from '../auth/api-sessions';
import { clientAddressFrom } from '../http/client-address';
import { getProfile } from './profile';
import { verifyCredentials } from '../auth/verify-credentials';

// Not a valid argon2 input match for any stored hash: only ever compared, never stored.
const UNMATCHABLE_PASSWORD = '\u0000undecryptable';

type LoginRequest = { username: string; password: string; headers: Headers };

export type LoginResult = { token: string; expires_at: string; user: UserDto };

/**
 * `POST /api/v1/auth/login`: a bearer session for scripts and the original UI. That UI may send the
 * password RSA-encrypted (PKCS#1 v1.5, base64) and say so with `X-Encrypted-Fields: password`.
 */
export async function loginWithPassword({ username, password, headers }: LoginRequest): Promise<LoginResult> {
  const plainPassword = isPasswordEncrypted(headers) ? await decryptPassword(password) : password;
  const user = await verifyCredentials({ username, password: plainPassword, ip: clientAddressFrom(headers) });
  const session = await createApiSession(user.id);
  return { token: session.token, expires_at: session.expiresAt.toISOString(), user: await getProfile(user) };
}

function isPasswordEncrypted(headers: Headers): boolean {
  const fields = headers.get('x-encrypted-fields') ?? '';
  return fields.split(',').some((field) => field.trim().toLowerCase() === 'password');
}

/**
 * A ciphertext that does not decrypt is answered exactly like a wrong password: a distinct answer for bad
 * padding would make this endpoint a Bleichenbacher oracle for captured login requests.
 */
async function decryptPassword(encrypted: string): Promise<string> {
  try {
    return await decryptLoginField(encrypted);
  } catch {
    return UNMATCHABLE_PASSWORD;
  }
}
