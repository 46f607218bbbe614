// Password guessing against the production server: a guesser must not lock the owner out, must not dodge the
// per-address limit with a forged X-Forwarded-For, and weak passwords are refused where they are chosen.
import { randomBytes, randomInt } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { startSecondServer } from './support/second-server';
import { adminBearer } from './support/ui';

const randomAddress = () => `198.51.${randomInt(256)}.${randomInt(1, 255)}`;

async function login(baseUrl: string, username: string, password: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

test('ten wrong passwords lock out the guessing address only: the owner still signs in from theirs', async ({ request, baseURL }) => {
  // The test runs on loopback, which AXONGATE_TRUSTED_PROXIES trusts by default (Caddy's place): the
  // X-Forwarded-For it sends is the client address, as Caddy would report it.
  const username = `owner-${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  await request.post('/api/v1/users', { headers: await adminBearer(request), data: { username, name: username, password, role: 'user' } });
  const guesser = randomAddress();
  const guesses: number[] = [];
  for (let i = 0; i < 10; i++) guesses.push(await login(baseURL!, username, `guess-${i}`, guesser));
  expect(guesses).toEqual(Array(10).fill(401));
  expect(await login(baseURL!, username, password, guesser)).toBe(429);
  expect(await login(baseURL!, username, password, randomAddress())).toBe(200);
});

test('X-Forwarded-For from a peer that is no trusted proxy is ignored: fresh headers do not dodge the address limit', async () => {
  test.setTimeout(90_000);
  // Two failures per username and address, so ten per address; this instance trusts only a proxy that is not here.
  const server = await startSecondServer({ AXONGATE_TRUSTED_PROXIES: '192.0.2.1', AXONGATE_LOGIN_MAX_ATTEMPTS: '2' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await login(server.url, `nobody-${randomBytes(4).toString('hex')}`, 'wrong', randomAddress()));
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  } finally {
    server.kill();
  }
});

test('a guessable password is refused with the reason, for new users and for your own change', async ({ request, baseURL }) => {
  const admin = await adminBearer(request);
  const weakAdmin = await request.post('/api/v1/users', { headers: admin, data: { username: `weak-${randomBytes(4).toString('hex')}`, password: 'password', role: 'admin' } });
  expect(weakAdmin.status()).toBe(400);
  expect((await weakAdmin.json()).message).toBe('password must be at least 12 characters for the admin role');
  const common = await request.post('/api/v1/users', { headers: admin, data: { username: `weak-${randomBytes(4).toString('hex')}`, password: 'password1234', role: 'user' } });
  expect(common.status()).toBe(400);
  expect((await common.json()).errors[0]).toMatchObject({ field: 'password', message: expect.stringMatching(/^password is too easy to guess/) });

  const change = await fetch(`${baseURL}/api/v1/auth/password`, {
    method: 'PUT',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ current_password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password', new_password: 'qwertyuiop12' }),
  });
  expect(change.status).toBe(400);
  expect((await change.json()).errors[0]).toMatchObject({ field: 'new_password', message: expect.stringMatching(/^new_password is too easy to guess/) });
});
