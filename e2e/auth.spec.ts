import { expect, test, type Page } from '@playwright/test';

const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';

async function capture(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the health check reports the database as reachable', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('the login page renders the sign-in form', async ({ page }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle(/Sign in/);
  await expect(page.getByText('Sign in to the admin console')).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await capture(page, 'login');
});

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, 'admin', 'not-the-password');
  // Next's route announcer is an (empty) alert too, hence the filter.
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid username or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await capture(page, 'login-wrong-password');
});

test('an unauthenticated visit to an admin page redirects to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/providers');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fproviders$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await capture(page, 'redirected-to-login');
});

test('the admin signs in, lands on the dashboard shell and signs out', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, 'admin', ADMIN_PASSWORD);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('admin');
  const navigation = page.getByRole('menu');
  for (const item of ['Dashboard', 'Providers', 'Models', 'User tokens', 'Usage', 'Users', 'Playground', 'Profile']) {
    await expect(navigation.getByRole('link', { name: item, exact: true })).toBeVisible();
  }
  await capture(page, 'dashboard');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await capture(page, 'signed-out');

  // The session is gone, not just the page: the dashboard sends the browser back to the login page.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});
