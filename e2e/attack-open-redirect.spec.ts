// Open redirects through the login page's callbackUrl, in a signed-in browser and for a visitor who signs in: only
// paths of this site are followed; another host, in any spelling a browser accepts, leads to the dashboard, and
// characters a Location header cannot carry give a page, not a 500.
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, signIn } from './support/ui';

const ATTACKS = ['/%09/evil.test/x', '//evil.test/x', '/%5Cevil.test', '/%0A/evil.test', 'https://evil.test/x', '/%5C%09evil.test'];

test('a signed-in admin who opens a crafted login link stays on this site', async ({ page, baseURL }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  for (const attack of ATTACKS) {
    const response = await page.goto(`/login?callbackUrl=${attack}`);
    expect(response?.status(), attack).toBeLessThan(500);
    expect(new URL(page.url()).origin, attack).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname, attack).toBe('/');
  }
});

test('a visitor who signs in through a crafted link lands on the dashboard, and a local target is still followed', async ({ page, baseURL }) => {
  await page.goto(`/login?callbackUrl=${ATTACKS[0]}`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toContainText('admin');
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe('/');

  const local = await page.goto('/login?callbackUrl=%2Fusage');
  expect(local?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/usage');
});

test('newlines and non-ASCII in callbackUrl give a page, never a 500', async ({ page, request }) => {
  for (const target of ['/%0D%0ASet-Cookie:%20x=1', '/%C3%BCber', '/%E0%A4%A', '/%00']) {
    expect((await request.get(`/login?callbackUrl=${target}`, { maxRedirects: 0 })).status(), target).toBeLessThan(500);
  }
  await signIn(page, 'admin', ADMIN_PASSWORD);
  for (const target of ['/%0D%0ASet-Cookie:%20x=1', '/%C3%BCber']) {
    const response = await page.goto(`/login?callbackUrl=${target}`);
    expect(response?.status(), target).toBeLessThan(500);
  }
});
