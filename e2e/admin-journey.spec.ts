import { expect, test } from './support/fixtures';
import OpenAI from 'openai';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { ADMIN_PASSWORD, capture, open, confirmPopup, pick, row, settle, settleAnimations, signIn } from './support/ui';

const PROVIDER_KEY = 'sk-stub-provider-key-7f3a';
const MODEL = 'gpt-4o-mini';

let stub: UpstreamStub;

test.beforeAll(async () => {
  // The provider: a real OpenAI-wire server on loopback that accepts only our key.
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY, models: [MODEL] });
});

test.afterAll(async () => {
  await stub?.close();
});

test('an admin wires a provider, key, model and token; the openai client calls through; usage shows; revoking refuses the next call', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin', ADMIN_PASSWORD);

  await test.step('add an OpenAI-type provider pointing at the stub', async () => {
    await open(page, '/providers');
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add provider' });
    // A click while the modal still zooms in can miss its button on a slow machine.
    await settleAnimations(page);
    // Validation runs before anything is sent.
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByText('Enter a name')).toBeVisible();
    await dialog.getByLabel('Name', { exact: true }).fill('Stub OpenAI');
    await dialog.getByLabel('API URL').fill(stub.url);
    await dialog.getByRole('switch', { name: 'Fetch image URLs for this provider' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, 'Stub OpenAI')).toContainText('openai');
    await expect(row(page, 'Stub OpenAI')).toContainText('fetches image URLs');
  });

  await test.step('add its key, shown by its last four characters only', async () => {
    await row(page, 'Stub OpenAI').getByRole('button', { name: 'Keys' }).click();
    const drawer = page.getByRole('dialog', { name: 'Keys of Stub OpenAI' });
    await drawer.getByLabel('New API key').fill(PROVIDER_KEY);
    await drawer.getByRole('button', { name: 'Add key' }).click();
    await expect(row(drawer, '…7f3a')).toBeVisible();
    await expect(drawer).not.toContainText(PROVIDER_KEY);
    await capture(page, 'journey-providers-keys-drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expect(drawer).toBeHidden();
  });

  await test.step('the Test button reports the latency of a real call', async () => {
    await row(page, 'Stub OpenAI').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('provider-test-result')).toContainText(/OK · HTTP 200 · \d/);
    await capture(page, 'journey-provider-test');
  });

  await test.step('add a model route to the provider', async () => {
    await open(page, '/models');
    await page.getByRole('button', { name: 'Add route' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add model route' });
    await dialog.getByLabel('Public name').fill(MODEL);
    await pick(dialog.getByLabel('Provider', { exact: true }), 'Stub OpenAI');
    await dialog.getByLabel('Input / 1M tokens').fill('1');
    await dialog.getByLabel('Output / 1M tokens').fill('2');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, MODEL)).toContainText('Stub OpenAI');
    await capture(page, 'journey-models');
  });

  let token = '';
  await test.step('create a user token and copy it from the copy-once dialog', async () => {
    await open(page, '/user-tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create token' });
    await form.getByLabel('Name', { exact: true }).fill('journey');
    await form.getByRole('button', { name: 'Create' }).click();
    const secret = page.getByRole('dialog', { name: 'Token "journey"' });
    await expect(secret).toContainText('you will not see it again');
    token = (await secret.getByTestId('token-secret').innerText()).trim();
    expect(token).toMatch(/^sk-ag-\w+$/);
    await capture(page, 'journey-user-tokens-copy-once');
    await secret.getByRole('button', { name: 'I have copied it' }).click();
    await expect(row(page, 'journey')).toContainText('active');
  });

  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: token, maxRetries: 0 });

  await test.step('the official openai client calls /v1/chat/completions with the token', async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hello gateway' }] });
    expect(completion.choices[0].message.content).toBe('Echo: Hello gateway');
    const upstream = await stub.nextRequest();
    expect(upstream.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
  });

  await test.step('the request appears on the Usage page', async () => {
    await open(page, '/usage');
    // Usage rows are written in batches about a second after the response.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(row(page.getByTestId('usage-table'), MODEL)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(row(page.getByTestId('usage-table'), MODEL)).toContainText('200');
    const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(exportHref).toMatch(/^\/api\/v1\/usage\/export\?start_time=\d{4}-\d{2}-\d{2}&end_time=/);
    const csv = await page.request.get(exportHref ?? '');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(MODEL);
    await settle(page);
    await capture(page, 'journey-usage');
  });

  await test.step('and in the Dashboard totals', async () => {
    await open(page, '/');
    await expect(page.getByTestId('stat-requests').locator('.ant-statistic-content')).toHaveText('1');
    await expect(page.getByTestId('provider-health')).toContainText('Stub OpenAI');
    await settle(page);
    await capture(page, 'journey-dashboard');
  });

  await test.step('the playground streams a chat with the pasted token', async () => {
    await open(page, '/playground');
    await page.getByLabel('Token secret').fill(token);
    await page.getByLabel('Message').fill('Stream this please');
    // Send is enabled once the token's model list has loaded and picked the first model.
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('chat-transcript').locator('[data-role="assistant"]')).toHaveText('Echo: Stream this please');
    await capture(page, 'journey-playground');
  });

  await test.step('revoking the token makes the next call fail with 401', async () => {
    await open(page, '/user-tokens');
    await row(page, 'journey').getByRole('button', { name: 'Revoke' }).click();
    await confirmPopup(page, 'Revoke');
    await expect(row(page, 'journey')).toContainText('revoked');
    await capture(page, 'journey-user-tokens-revoked');
    const refused = client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Still there?' }] });
    await expect(refused).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  await test.step('deleting a provider that still has model routes asks again, then removes both', async () => {
    await open(page, '/providers');
    await row(page, 'Stub OpenAI').getByRole('button', { name: 'Delete' }).click();
    await confirmPopup(page, 'Delete');
    const cascade = page.getByRole('dialog').filter({ hasText: 'and its model routes?' });
    await expect(cascade).toContainText('model route');
    await settleAnimations(page);
    await capture(page, 'journey-provider-delete-cascade');
    await cascade.getByRole('button', { name: 'Delete all' }).click();
    await expect(page.getByTestId('providers-table')).not.toContainText('Stub OpenAI');
    await open(page, '/models');
    await expect(page.getByText(MODEL)).toHaveCount(0);
  });
});
