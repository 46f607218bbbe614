// The Audit log page: an admin's change appears with its actor, action and target, the filters by record and by
// actor narrow the list, and a user who is not an admin has no such page.
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, adminBearer, capture, open, pick, settle, signIn } from './support/ui';

test('an admin finds a change in the audit log and filters by record and actor', async ({ page, request }) => {
  const bearer = await adminBearer(request);
  const name = `audit-provider-${Date.now()}`;
  const created = await request.post('/api/v1/providers', { headers: bearer, data: { name, model_type: 'openai', api_url: 'http://127.0.0.1:9/v1' } });
  const providerId = (await created.json()).data.id;

  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/audit-logs');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 2 })).toBeVisible();
  const table = page.getByTestId('audit-log-table');
  await expect(table.getByText(`provider #${providerId}`).first()).toBeVisible();
  await capture(page, 'desktop-audit-log-journey');

  await pick(page.getByLabel('Filter by record'), 'Users');
  await settle(page);
  await expect(table.getByText(`provider #${providerId}`)).toHaveCount(0);
  await pick(page.getByLabel('Filter by record'), 'Providers');
  await pick(page.getByLabel('Filter by actor'), 'admin');
  await settle(page);
  await expect(table.getByText(`provider #${providerId}`).first()).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/audit-logs');
  await settle(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await capture(page, 'phone-audit-log-journey');
});

test('the audit log is not in the menu of a user who is not an admin, and its API refuses them', async ({ page, request }) => {
  const bearer = await adminBearer(request);
  const username = `audit-reader-${Date.now()}`;
  const password = 'Audit-Reader-Password-42';
  await request.post('/api/v1/users', { headers: bearer, data: { username, name: 'Reader', password, role: 'user' } });
  await signIn(page, username, password);
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  const userLogin = await request.post('/api/v1/auth/login', { data: { username, password } });
  const refused = await request.get('/api/v1/audit-logs', { headers: { authorization: `Bearer ${(await userLogin.json()).data.token}` } });
  expect(refused.status()).toBe(403);
});
