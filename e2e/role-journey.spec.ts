import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, capture, open, row, settle, settleAnimations, signIn } from './support/ui';

const USERNAME = 'e2e-plain-user';
const PASSWORD = 'plain-user-password';

test('an admin creates a user, who sees only their own tokens and usage and is refused manager APIs', async ({ browser }) => {
  test.setTimeout(120_000);

  await test.step('the admin creates a token of their own and a plain user', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const created = await page.request.post('/api/v1/user-tokens', { data: { name: 'admins-own-token' } });
    expect(created.status()).toBe(200);

    await open(page, '/users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create user' });
    await dialog.getByLabel('Username').fill(USERNAME);
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByText('At least 8 characters', { exact: true })).toBeVisible();
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, USERNAME)).toBeVisible();
    await settle(page);
    await capture(page, 'users');

    // A duplicate username comes back from the server as an error on the form.
    await page.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByLabel('Username').fill(USERNAME);
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByRole('alert').first()).toContainText('already exists');
    await settleAnimations(page);
    await capture(page, 'users-create-error');
    await context.close();
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, USERNAME, PASSWORD);

  await test.step('the menu shows only what a user may use', async () => {
    const menu = page.getByRole('menu');
    for (const item of ['Dashboard', 'User tokens', 'Usage', 'Playground', 'Profile']) {
      await expect(menu.getByRole('link', { name: item, exact: true })).toBeVisible();
    }
    for (const item of ['Providers', 'Models', 'Users']) {
      await expect(menu.getByRole('link', { name: item, exact: true })).toHaveCount(0);
    }
    await expect(page.getByTestId('provider-health')).toHaveCount(0);
    await settle(page);
    await capture(page, 'user-dashboard');
  });

  await test.step('the user creates a token and sees only their own', async () => {
    await open(page, '/user-tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create token' });
    await form.getByLabel('Name', { exact: true }).fill('users-own-token');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const table = page.getByTestId('user-tokens-table');
    await expect(row(table, 'users-own-token')).toBeVisible();
    await expect(table).not.toContainText('admins-own-token');
    await expect(table).not.toContainText('journey');
    await capture(page, 'user-tokens-as-user');
  });

  await test.step('usage shows only their own (none yet)', async () => {
    await open(page, '/usage');
    await expect(page.getByTestId('usage-table')).toContainText('No requests match these filters');
    await expect(page.getByTestId('stat-requests').locator('.ant-statistic-content')).toHaveText('0');
  });

  await test.step('manager-only APIs and pages are refused', async () => {
    const providers = await page.request.get('/api/v1/providers');
    expect(providers.status()).toBe(403);
    expect((await providers.json()).code).toBe(403);
    expect((await page.request.get('/api/v1/users')).status()).toBe(403);
    await open(page, '/providers');
    await expect(page).toHaveURL(/\/$/);
    await open(page, '/users');
    await expect(page).toHaveURL(/\/$/);
  });
  await context.close();
});
