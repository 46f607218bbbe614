// Limits an admin sets must bind the person, not one token: a user limited to one model, a rate and a budget
// tries to mint themselves a wider token through the admin API of the production server, and to use one they
// are given without limits of its own.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, adminBearer, capture, open, row, signIn } from './support/ui';

const PROVIDER_KEY = 'sk-widening-stub-key';
const tag = randomBytes(3).toString('hex');
const alpha = `alpha-${tag}`;
const beta = `beta-${tag}`;

let stub: UpstreamStub;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY, usage: { input: 10, output: 10 } });
  const admin = await adminBearer(request);
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: admin })).json()).data;
  const provider = await create('/api/v1/providers', { name: `Widening stub ${tag}`, model_type: 'openai', api_url: stub.url });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
  // 10 000 per million input tokens: each call of 10 tokens costs 0.1, ten times the budgets below.
  for (const name of [alpha, beta]) await create('/api/v1/ai-models', { name, provider_id: provider.id, input_price: 10_000 });
});

test.afterAll(() => stub?.close());

/** A user-role account with these limits, signed in: its bearer for the admin API. */
async function limitedUser(request: APIRequestContext, limits: object): Promise<Record<string, string>> {
  const admin = await adminBearer(request);
  const username = `bob-${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  const user = (await (await request.post('/api/v1/users', { headers: admin, data: { username, password, role: 'user' } })).json()).data;
  const set = await request.put(`/api/v1/users/${user.id}/limits`, { headers: admin, data: limits });
  expect(set.status()).toBe(200);
  expect(await set.json()).toMatchObject({ data: limits });
  const login = await request.post('/api/v1/auth/login', { data: { username, password } });
  return { authorization: `Bearer ${(await login.json()).data.token}` };
}

async function mint(request: APIRequestContext, bearer: Record<string, string>, data: object) {
  const response = await request.post('/api/v1/user-tokens', { headers: bearer, data });
  return { status: response.status(), body: await response.json() };
}

async function chat(baseUrl: string, token: string, model: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const body = await response.json();
  return { status: response.status, message: body.error?.message ?? '' };
}

test("a token minted with no limits of its own has its owner's: other models 403, over the owner's rpm 429", async ({ request, baseURL }) => {
  const bob = await limitedUser(request, { allowed_models: [alpha], rpm_limit: 2 });
  const first = await mint(request, bob, {});
  const second = await mint(request, bob, { name: 'another' });
  expect([first.status, second.status]).toEqual([200, 200]);

  expect(await chat(baseURL!, first.body.data.token, beta)).toEqual({ status: 403, message: `This API key is not allowed to use model "${beta}"` });
  expect((await chat(baseURL!, first.body.data.token, alpha)).status).toBe(200);
  expect((await chat(baseURL!, second.body.data.token, alpha)).status).toBe(200);
  // The owner's two requests a minute are spent, by whichever token.
  expect(await chat(baseURL!, first.body.data.token, alpha)).toEqual({ status: 429, message: "Rate limit of 2 requests per minute exceeded for this API key's user" });
});

test('a token wider than its owner is refused with 403 naming the field', async ({ request }) => {
  const bob = await limitedUser(request, { allowed_models: [alpha], rpm_limit: 5, monthly_budget: 0.01 });
  const attempts = [
    { data: { allowed_models: [beta] }, field: 'allowed_models' },
    { data: { allowed_models: [alpha], rpm_limit: 6 }, field: 'rpm_limit' },
    { data: { monthly_budget: 1 }, field: 'monthly_budget' },
  ];
  for (const { data, field } of attempts) {
    const refused = await mint(request, bob, data);
    expect(refused.status, field).toBe(403);
    expect(refused.body.errors, field).toEqual([{ field, message: expect.stringContaining(field) }]);
  }
  expect((await mint(request, bob, { allowed_models: [alpha], rpm_limit: 1, monthly_budget: 0.005 })).status).toBe(200);
});

test("the owner's monthly budget stops every token of theirs", async ({ request, baseURL }) => {
  test.setTimeout(60_000);
  const carol = await limitedUser(request, { monthly_budget: 0.01 });
  const spender = (await mint(request, carol, {})).body.data.token;
  const other = (await mint(request, carol, {})).body.data.token;
  expect((await chat(baseURL!, spender, alpha)).status).toBe(200);
  await expect
    .poll(async () => (await chat(baseURL!, other, alpha)).message, { timeout: 30_000, intervals: [1_000] })
    .toBe("This API key's user has used its monthly budget of 0.01");
});

test('twelve parallel calls against a budget smaller than one call: one passes, eleven get 429', async ({ request, baseURL }) => {
  const admin = await adminBearer(request);
  const token = (await (await request.post('/api/v1/user-tokens', { headers: admin, data: { name: 'burst', monthly_budget: 0.01 } })).json()).data.token;
  const results = await Promise.all(Array.from({ length: 12 }, () => chat(baseURL!, token, alpha)));
  expect(results.filter(({ status }) => status === 200)).toHaveLength(1);
  expect(results.filter(({ status }) => status === 429)).toHaveLength(11);
  await expect
    .poll(async () => (await chat(baseURL!, token, alpha)).message, { timeout: 10_000, intervals: [500] })
    .toBe('This API key has used its monthly budget of 0.01');
});

test("an admin sets a user's limits on the Users page and sees them in the list", async ({ page, request }) => {
  const admin = await adminBearer(request);
  const username = `dora-${randomBytes(4).toString('hex')}`;
  await request.post('/api/v1/users', { headers: admin, data: { username, password: `Pw-${randomBytes(12).toString('hex')}`, role: 'user' } });
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/users');
  await page.getByPlaceholder('Search username, name or email').fill(username);
  await page.getByPlaceholder('Search username, name or email').press('Enter');
  await row(page, username).getByRole('button', { name: 'Limits' }).click();
  const dialog = page.getByRole('dialog', { name: `Limits of ${username}` });
  await dialog.getByLabel('Allowed models').fill(alpha);
  await dialog.getByLabel('Allowed models').press('Enter');
  await dialog.getByLabel('Requests per minute').fill('7');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`limits-${username}`)).toContainText(alpha);
  await expect(page.getByTestId(`limits-${username}`)).toContainText('7 rpm');
  await capture(page, 'users-limits');
});
