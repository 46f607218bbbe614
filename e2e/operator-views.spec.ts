// What an operator looks for after traffic went through: one request's detail (every attempt, protocols, tokens,
// cost, conversion notes) from the Usage page, and this month's spend against each budget on the Users and User
// tokens pages, where the limits can be changed. At desktop and phone width.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, adminBearer, capture, open, row, settle, settleAnimations, signIn } from './support/ui';

const PROVIDER_KEY = 'sk-operator-stub-key-7q2w';
const tag = randomBytes(3).toString('hex');
const model = `detail-${tag}`;
const username = `spender-${tag}`;
const tokenName = `spend-token-${tag}`;

let stub: UpstreamStub;
let requestId: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request, baseURL }) => {
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY, usage: { input: 10, output: 10 } });
  const admin = await adminBearer(request);
  const create = async (pathname: string, data: object, headers = admin) => (await (await request.post(pathname, { data, headers })).json()).data;
  // Two providers on the stub: the first fails once (529), the request moves to the second, an OpenAI one.
  for (const [index, type] of (['anthropic', 'openai'] as const).entries()) {
    const provider = await create('/api/v1/providers', { name: `Operator ${type} ${tag}`, model_type: type, api_url: stub.url });
    await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
    // 10 000 per million input tokens: a call of 10 input tokens costs 0.1.
    await create('/api/v1/ai-models', { name: model, provider_id: provider.id, provider_model_name: `${type}-model`, input_price: 10_000, priority: index });
  }
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  const user = await create('/api/v1/users', { username, password, role: 'user' });
  await request.put(`/api/v1/users/${user.id}/limits`, { headers: admin, data: { allowed_models: [], rpm_limit: 120, monthly_budget: 5 } });
  const login = await request.post('/api/v1/auth/login', { data: { username, password } });
  const own = { authorization: `Bearer ${(await login.json()).data.token}` };
  const token = await create('/api/v1/user-tokens', { name: tokenName, monthly_budget: 1, rpm_limit: 60 }, own);

  stub.enqueue({ kind: 'error', status: 529 });
  const answered = await fetch(`${baseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': token.token, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model, max_tokens: 50, service_tier: 'auto', messages: [{ role: 'user', content: 'hello' }] }),
  });
  expect(answered.status).toBe(200);
  requestId = answered.headers.get('request-id')!;
  // A request refused before it named a model: its row has no model name.
  const malformed = await fetch(`${baseURL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` },
    body: '{"messages": [',
  });
  expect(malformed.status).toBe(400);
  // The usage rows are written in batches, about once a second.
  await expect.poll(async () => (await (await request.get(`/api/v1/usage?model_name=${model}`, { headers: admin })).json()).data.total, { timeout: 15_000 }).toBe(1);
});

test.afterAll(() => stub?.close());

async function openRequestDetail(page: Page) {
  await open(page, '/usage');
  await settle(page);
  await row(page.getByTestId('usage-table'), model).first().click();
  const drawer = page.getByTestId('request-detail');
  await expect(drawer.getByText(requestId)).toBeVisible();
  await settleAnimations(page);
  return drawer;
}

test('the Usage page opens a request with every attempt, its protocols, tokens, cost and conversion notes', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  const drawer = await openRequestDetail(page);
  await expect(drawer.getByRole('heading', { name: 'Attempts (2)' })).toBeVisible();
  const attempts = drawer.getByTestId('request-attempts');
  const [failed, answered] = [attempts.locator('tr.ant-table-row').nth(0), attempts.locator('tr.ant-table-row').nth(1)];
  await expect(failed).toContainText(`Operator anthropic ${tag}`);
  await expect(failed).toContainText('failed · 529');
  await expect(failed).toContainText('HTTP 529');
  await expect(failed).toContainText(`…${PROVIDER_KEY.slice(-4)}`);
  await expect(answered).toContainText(`Operator openai ${tag}`);
  await expect(answered).toContainText('answered · 200');
  await expect(drawer).toContainText('anthropic → openai');
  await expect(drawer.getByLabel('Tokens and cost')).toContainText('Total cost$0.10');
  await expect(drawer.getByLabel('Conversion notes')).toContainText('service_tier');
  await expect(drawer).not.toContainText(PROVIDER_KEY);
  await capture(page, 'desktop-request-detail');
  await page.keyboard.press('Escape');

  // A request without a model shows a dash and why.
  await expect(page.getByTestId('usage-table')).toContainText('— invalid_request');

  await page.setViewportSize({ width: 390, height: 844 });
  await openRequestDetail(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await capture(page, 'phone-request-detail');
});

test("the Users page shows each user's spend this month against their budget, and the limits change there", async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/users');
  await settle(page);
  const user = row(page.getByTestId('users-table'), username);
  await expect(user.getByLabel(`Spend of ${username}: $0.10 of $5.00 this month`)).toBeVisible();
  await expect(user).toContainText('120 rpm');
  await capture(page, 'desktop-users-spend');

  await user.getByRole('button', { name: 'Limits' }).click();
  const dialog = page.getByRole('dialog', { name: `Limits of ${username}` });
  await dialog.getByLabel('Monthly budget').fill('0.5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(user.getByLabel(`Spend of ${username}: $0.10 of $0.50 this month`)).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/users');
  await settle(page);
  await capture(page, 'phone-users-spend');
});

test("the User tokens page shows a token's spend against its budget and its owner's, with the owner's limits at hand", async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/user-tokens');
  await settle(page);
  const token = row(page.getByTestId('user-tokens-table'), tokenName);
  await expect(token.getByLabel(`Spend of ${tokenName}: $0.10 of $1.00 this month`)).toBeVisible();
  await expect(token.getByLabel(`Spend of ${username}, all tokens: $0.10 of $0.50 this month`)).toBeVisible();
  await expect(token).toContainText('60');
  await capture(page, 'desktop-user-tokens-spend');

  await token.getByRole('button', { name: 'Owner limits' }).click();
  const dialog = page.getByRole('dialog', { name: `Limits of ${username}` });
  await expect(dialog.getByLabel('Requests per minute')).toHaveValue('120');
  await settleAnimations(page);
  await capture(page, 'desktop-user-tokens-owner-limits');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/user-tokens');
  await settle(page);
  await capture(page, 'phone-user-tokens-spend');
});
