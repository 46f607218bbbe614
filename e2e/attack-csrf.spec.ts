// Cross-site request forgery against the cookie-authenticated admin API of the production server: forged requests
// over a socket with the admin's session cookie, and a real attacker page on another port of the same host that
// auto-submits a text/plain form in the signed-in browser. None may create a user; the admin UI itself still works.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, adminBearer, signIn } from './support/ui';

let attackerSite: Server;
let attackerUrl: string;

test.beforeAll(async () => {
  attackerSite = createServer((req, res) => {
    const target = new URL('/api/v1/users', process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT}`);
    const username = new URL(req.url ?? '/', 'http://x').searchParams.get('u') ?? 'csrf-form';
    // The classic JSON-in-a-text/plain-form trick: the field name carries the JSON, the value closes it.
    const field = `{"username":"${username}","name":"x","password":"Csrf-Attack-Password-42","role":"admin","pad":"`;
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><form id="f" method="POST" action="${target}" enctype="text/plain">
      <input type="hidden" name='${field}' value='"}'></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => attackerSite.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attackerSite.address() as AddressInfo).port}`;
});

test.afterAll(() => attackerSite?.close());

async function userExists(request: import('@playwright/test').APIRequestContext, username: string): Promise<boolean> {
  const bearer = await adminBearer(request);
  const users = await (await request.get('/api/v1/users?page_size=100', { headers: bearer })).json();
  return users.data.items.some((user: { username: string }) => user.username === username);
}

test('an auto-submitted text/plain form from another port of this host does not create an admin', async ({ page, request }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/users'));
  await page.goto(`${attackerUrl}/?u=csrf-form-admin`);
  expect((await refused).status()).toBe(403);
  expect(await userExists(request, 'csrf-form-admin')).toBe(false);
});

test('forged cookie-authenticated writes are refused: foreign Origin (403), cross-site fetch (403), text/plain (415)', async ({ page, request, baseURL }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const body = (username: string) => JSON.stringify({ username, name: 'x', password: 'Csrf-Attack-Password-42', role: 'admin' });
  const attempts: { name: string; headers: Record<string, string>; status: number }[] = [
    { name: 'csrf-evil-origin', headers: { origin: 'http://evil.test', 'content-type': 'text/plain' }, status: 403 },
    { name: 'csrf-evil-origin-json', headers: { origin: 'http://evil.test', 'content-type': 'application/json' }, status: 403 },
    { name: 'csrf-same-site-port', headers: { origin: attackerUrl, 'content-type': 'application/json' }, status: 403 },
    { name: 'csrf-fetch-site', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, status: 403 },
    { name: 'csrf-text-plain', headers: { origin: baseURL!, 'content-type': 'text/plain' }, status: 415 },
  ];
  for (const attempt of attempts) {
    const response = await fetch(`${baseURL}/api/v1/users`, { method: 'POST', headers: { cookie, ...attempt.headers }, body: body(attempt.name) });
    expect(response.status, attempt.name).toBe(attempt.status);
    expect((await response.json()).code, attempt.name).toBe(attempt.status);
    expect(await userExists(request, attempt.name), attempt.name).toBe(false);
  }
  // The same cookie from the admin UI's own origin, as JSON, is the admin UI at work.
  const own = await fetch(`${baseURL}/api/v1/users`, {
    method: 'POST',
    headers: { cookie, origin: baseURL!, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: body('csrf-control-user'),
  });
  expect(own.status).toBe(200);
});

test('bearer-authenticated calls are not affected by the origin check', async ({ request, baseURL }) => {
  const response = await fetch(`${baseURL}/api/v1/providers`, {
    method: 'POST',
    headers: { ...(await adminBearer(request)), origin: 'http://evil.test', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'csrf-bearer-provider', model_type: 'openai', api_url: 'http://127.0.0.1:9/v1' }),
  });
  expect(response.status).toBe(200);
});
