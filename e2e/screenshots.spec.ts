import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, capture, open, settle, settleAnimations, signIn } from './support/ui';

// A picture of every admin page for a person to look at (e2e/screenshots/, not committed). Runs after the
// journeys (files run in name order), so the pages show the data they left behind.
const PAGES = [
  { path: '/', heading: 'Dashboard', name: 'dashboard' },
  { path: '/providers', heading: 'Providers', name: 'providers' },
  { path: '/models', heading: 'Models', name: 'models' },
  { path: '/user-tokens', heading: 'User tokens', name: 'user-tokens' },
  { path: '/usage', heading: 'Usage', name: 'usage' },
  { path: '/users', heading: 'Users', name: 'users' },
  { path: '/audit-logs', heading: 'Audit log', name: 'audit-log' },
  { path: '/playground', heading: 'Playground', name: 'playground-empty' },
  { path: '/profile', heading: 'Profile', name: 'profile' },
];

test('every admin page renders at desktop size', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  for (const { path, heading, name } of PAGES) {
    await open(page, path);
    await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    await settle(page);
    await expect(page.locator('.ant-alert-error')).toHaveCount(0);
    // The dark sidebar column reaches the bottom of the page, however long the page is.
    const [column, page_] = await page.evaluate(() => [document.querySelector('[data-testid=sider-column]')!.getBoundingClientRect().height, document.documentElement.scrollHeight]);
    expect(column, name).toBeGreaterThanOrEqual(page_ - 1);
    await capture(page, `desktop-${name}`);
  }
});

test('the dashboard and providers fit a phone-width screen, with the menu in a drawer', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'admin', ADMIN_PASSWORD);
  for (const { path, heading, name } of PAGES) {
    await open(page, path);
    await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    await settle(page);
    // Nothing but a table's own scroller may be wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await capture(page, `phone-${name}`);
  }
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Providers' }).click();
  await expect(page).toHaveURL(/\/providers$/);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await expect(page.getByRole('dialog').getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await settleAnimations(page);
  await capture(page, 'phone-menu-drawer');
});

test('a form shows validation and server errors (profile: wrong current password)', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/profile');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Enter your current password')).toBeVisible();
  await page.getByLabel('Current password').fill('definitely-wrong');
  await page.getByLabel('New password', { exact: true }).fill('a-new-password');
  await page.getByLabel('Repeat the new password').fill('a-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Current password is incorrect').first()).toBeVisible();
  await settleAnimations(page);
  await capture(page, 'profile-error');
});
