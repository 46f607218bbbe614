import { constants, publicEncrypt, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../app/api/v1/auth/login/route';
import { POST as logout } from '../../app/api/v1/auth/logout/route';
import { GET as me } from '../../app/api/v1/auth/me/route';
import { PUT as changePassword } from '../../app/api/v1/auth/password/route';
import { GET as publicKey } from '../../app/api/v1/crypto/public-key/route';
import { loginDelayMs } from '../../lib/auth/login-rate-limit';
import { db } from '../../lib/db';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser } from '../helpers/users';

const loginAs = (username: string, password: string, headers: Record<string, string> = {}) =>
  callRoute(login, '/api/v1/auth/login', { method: 'POST', body: { username, password }, headers });

describe('auth API', () => {
  beforeAll(ensurePolicies);

  it('logs in with the right password and returns a bearer token and the user without its hash', async () => {
    const user = await createTestUser('manager');
    const response = await loginAs(user.username, user.password);
    expect(response.status).toBe(200);
    expect(response.json.code).toBe(0);
    expect(response.json.data.token).toMatch(/^ags_/);
    expect(response.json.data.user).toMatchObject({ id: user.id, username: user.username, role: 'manager' });
    expect(response.text).not.toContain('argon2');
    expect(response.text).not.toContain('password_hash');

    const profile = await callRoute(me, '/api/v1/auth/me', {
      headers: { authorization: `Bearer ${response.json.data.token}` },
    });
    expect(profile.status).toBe(200);
    expect(profile.json.data.username).toBe(user.username);
  });

  it('gives a wrong password and an unknown user the same answer', async () => {
    const user = await createTestUser('user');
    const wrongPassword = await loginAs(user.username, 'not-the-password');
    const unknownUser = await loginAs('nobody-by-this-name', 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.json).toEqual(unknownUser.json);
    expect(wrongPassword.json).toEqual({ code: 401, message: 'Invalid username or password' });
  });

  it('refuses a disabled user at login and on a session opened before', async () => {
    const user = await createTestUser('user');
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });

    expect((await loginAs(user.username, user.password)).status).toBe(403);
    expect((await callRoute(me, '/api/v1/auth/me', { headers: user.headers })).status).toBe(401);
  });

  it('ends a bearer session on logout', async () => {
    const user = await createTestUser('user');
    expect((await callRoute(logout, '/api/v1/auth/logout', { method: 'POST', headers: user.headers })).status).toBe(200);
    const after = await callRoute(me, '/api/v1/auth/me', { headers: user.headers });
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ code: 401, message: 'Authentication required' });
  });

  const someAddress = () => ({ [CLIENT_ADDRESS_HEADER]: `198.51.${randomInt(256)}.${randomInt(256)}` });

  it('locks out the guessing address with 429 and Retry-After, not the owner signing in from another', async () => {
    const user = await createTestUser('user');
    const guesser = someAddress();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await loginAs(user.username, 'wrong', guesser)).status).toBe(401);
    }
    const blocked = await loginAs(user.username, user.password, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await loginAs(user.username, user.password, someAddress())).status).toBe(200);
  });

  it('slows attempts on an account that failed from many addresses, up to a few seconds, never locks it', () => {
    expect([9, 10, 11, 12, 20, 1000].map((failures) => loginDelayMs(failures, 10))).toEqual([0, 250, 500, 1000, 3000, 3000]);
  });

  it('limits failed logins per client address across usernames', async () => {
    const address = someAddress();
    for (let attempt = 0; attempt < 50; attempt++) {
      expect((await loginAs(`guess-${randomInt(1e9)}`, 'wrong', address)).status).toBe(401);
    }
    const user = await createTestUser('user');
    expect((await loginAs(user.username, user.password, address)).status).toBe(429);
    expect((await loginAs(user.username, user.password, someAddress())).status).toBe(200);
  });

  it('accepts the password RSA-encrypted with the published key (PKCS#1 v1.5)', async () => {
    const user = await createTestUser('user');
    const keyResponse = await callRoute(publicKey, '/api/v1/crypto/public-key');
    expect(keyResponse.json.data.public_key).toContain('BEGIN PUBLIC KEY');
    const encrypted = publicEncrypt(
      { key: keyResponse.json.data.public_key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(user.password),
    ).toString('base64');

    const response = await loginAs(user.username, encrypted, { 'x-encrypted-fields': 'password' });
    expect(response.status).toBe(200);
    // A ciphertext that does not decrypt looks exactly like a wrong password, so the endpoint is no padding oracle.
    const garbage = await loginAs(user.username, 'bm90LWEtY2lwaGVydGV4dA==', { 'x-encrypted-fields': 'password' });
    expect(garbage.status).toBe(401);
    expect(garbage.json).toEqual({ code: 401, message: 'Invalid username or password' });
  });

  it('rejects malformed bodies with the field named', async () => {
    const missing = await callRoute(login, '/api/v1/auth/login', { method: 'POST', body: { username: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    const notJson = await callRoute(login, '/api/v1/auth/login', { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.message).toBe('Request body must be valid JSON');
  });

  it('changes your own password only with the current one, and ends every other session of yours', async () => {
    const user = await createTestUser('user');
    const otherSession = { authorization: `Bearer ${(await loginAs(user.username, user.password)).json.data.token}` };
    const wrong = await callRoute(changePassword, '/api/v1/auth/password', {
      method: 'PUT',
      headers: user.headers,
      body: { current_password: 'wrong', new_password: 'a-new-password' },
    });
    expect(wrong.status).toBe(400);
    const right = await callRoute(changePassword, '/api/v1/auth/password', {
      method: 'PUT',
      headers: user.headers,
      body: { current_password: user.password, new_password: 'a-new-password' },
    });
    expect(right.status).toBe(200);
    expect((await callRoute(me, '/api/v1/auth/me', { headers: otherSession })).status).toBe(401);
    expect((await callRoute(me, '/api/v1/auth/me', { headers: user.headers })).status).toBe(200);
    expect((await loginAs(user.username, 'a-new-password')).status).toBe(200);
    expect((await loginAs(user.username, user.password)).status).toBe(401);
  });
});
