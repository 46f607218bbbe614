// Sessions that outlive a credential change, against the production server: a stolen cookie or bearer must stop
// working once its owner changes the password, an admin resets it or disables the account, or the owner signs out;
// and on every instance, not only the one that saw the change.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startSecondServer, type SecondServer } from './support/second-server';
import { adminBearer, signIn } from './support/ui';

type Account = { id: number; username: string; password: string };

async function createAccount(request: APIRequestContext): Promise<Account> {
  const username = `victim-${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  const created = await request.post('/api/v1/users', { headers: await adminBearer(request), data: { username, name: username, password, role: 'user' } });
  expect(created.status()).toBe(200);
  return { id: (await created.json()).data.id, username, password };
}

async function bearerOf(baseUrl: string, { username, password }: Account): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  return { authorization: `Bearer ${(await login.json()).data.token}` };
}

async function cookieOf(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  return { cookie: cookies.map(({ name, value }) => `${name}=${value}`).join('; ') };
}

/** The status of GET /api/v1/auth/me with these credentials. */
async function whoAmI(baseUrl: string, headers: Record<string, string>): Promise<number> {
  return (await fetch(`${baseUrl}/api/v1/auth/me`, { headers })).status;
}

test('changing your password ends every other session of yours, cookie and bearer; the one that changed it stays', async ({ page, browser, request, baseURL }) => {
  const account = await createAccount(request);
  await signIn(page, account.username, account.password);
  const stolenCookie = await cookieOf(page);
  const stolenBearer = await bearerOf(baseURL!, account);
  const own = await bearerOf(baseURL!, account);
  expect(await whoAmI(baseURL!, stolenCookie)).toBe(200);

  const change = await fetch(`${baseURL}/api/v1/auth/password`, {
    method: 'PUT',
    headers: { ...own, 'content-type': 'application/json' },
    body: JSON.stringify({ current_password: account.password, new_password: `New-${randomBytes(12).toString('hex')}` }),
  });
  expect(change.status).toBe(200);
  expect(await whoAmI(baseURL!, stolenCookie)).toBe(401);
  expect(await whoAmI(baseURL!, stolenBearer)).toBe(401);
  expect(await whoAmI(baseURL!, own)).toBe(200);
  // The admin pages check the session row too, not only the cookie's signature.
  const replay = await browser.newContext();
  await replay.addCookies(await page.context().cookies());
  const replayPage = await replay.newPage();
  await replayPage.goto('/user-tokens');
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();
});

test("an admin's password reset ends the user's browser session", async ({ page, request, baseURL }) => {
  const account = await createAccount(request);
  await signIn(page, account.username, account.password);
  const cookie = await cookieOf(page);
  const reset = await request.put(`/api/v1/users/${account.id}/password`, {
    headers: await adminBearer(request),
    data: { password: `Reset-${randomBytes(12).toString('hex')}` },
  });
  expect(reset.status()).toBe(200);
  expect(await whoAmI(baseURL!, cookie)).toBe(401);
});

test('disabling and enabling a user again does not bring an old cookie back', async ({ page, request, baseURL }) => {
  const account = await createAccount(request);
  await signIn(page, account.username, account.password);
  const cookie = await cookieOf(page);
  const admin = await adminBearer(request);
  expect((await request.put(`/api/v1/users/${account.id}`, { headers: admin, data: { disabled: true } })).status()).toBe(200);
  expect((await request.put(`/api/v1/users/${account.id}`, { headers: admin, data: { disabled: false } })).status()).toBe(200);
  expect(await whoAmI(baseURL!, cookie)).toBe(401);
  expect(await whoAmI(baseURL!, await bearerOf(baseURL!, account))).toBe(200);
});

test.describe('with a second instance on the same database', () => {
  let second: SecondServer;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    second = await startSecondServer();
  });
  test.afterAll(() => second?.kill());

  test('a cookie replayed after sign-out is refused, on this instance and the other within 2 s', async ({ page, request, baseURL }) => {
    const account = await createAccount(request);
    await signIn(page, account.username, account.password);
    const cookie = await cookieOf(page);
    expect(await whoAmI(second.url, cookie)).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await whoAmI(baseURL!, cookie)).toBe(401);
    await expect.poll(() => whoAmI(second.url, cookie), { timeout: 2_000, intervals: [100] }).toBe(401);
  });

  test('a bearer ended on one instance is refused by the other within 2 s', async ({ request, baseURL }) => {
    const account = await createAccount(request);
    const bearer = await bearerOf(baseURL!, account);
    expect(await whoAmI(second.url, bearer)).toBe(200);
    expect((await fetch(`${baseURL}/api/v1/auth/logout`, { method: 'POST', headers: bearer })).status).toBe(200);
    await expect.poll(() => whoAmI(second.url, bearer), { timeout: 2_000, intervals: [100] }).toBe(401);
  });
});
