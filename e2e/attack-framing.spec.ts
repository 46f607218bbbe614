// Served without Caddy, the production server sends its own security headers: an attacker page on another port of
// this host cannot frame a signed-in admin page, and the admin pages run under the app's Content-Security-Policy
// without a single violation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, open, settle, signIn } from './support/ui';

let attackerSite: Server;
let attackerUrl: string;

test.beforeAll(async ({ baseURL }) => {
  attackerSite = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><iframe id="victim" src="${baseURL}/users" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => attackerSite.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attackerSite.address() as AddressInfo).port}`;
});

test.afterAll(() => attackerSite?.close());

test('every answer carries the security headers, admin pages and APIs alike', async ({ request }) => {
  for (const path of ['/login', '/api/health', '/api/v1/auth/me']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }
});

test('a signed-in admin page cannot be framed by another origin', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto(attackerUrl);
  await page.waitForLoadState('networkidle');
  const victim = page.frames().find((frame) => frame !== page.mainFrame());
  // Chromium replaces a refused frame with its own error page: nothing of the admin UI renders inside.
  await expect.poll(async () => (await victim?.locator('[data-testid=current-user]').count()) ?? 0).toBe(0);
  expect(victim?.url() ?? '').not.toContain('/users');
});

test('the admin pages work under the Content-Security-Policy, with no violation reported', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await signIn(page, 'admin', ADMIN_PASSWORD);
  for (const path of ['/', '/providers', '/models', '/user-tokens', '/usage', '/users', '/audit-logs', '/playground', '/profile']) {
    await open(page, path);
    await settle(page);
  }
  expect(violations).toEqual([]);
});
