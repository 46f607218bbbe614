// A manager builds routes from the model catalogue in the browser: a new route's prices fill in from the
// catalogue as the provider model is typed, one capability is overridden in the profile editor and saved, and
// Import models on the Providers page creates a route for a model of the provider's own list.
import { randomBytes } from 'node:crypto';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, capture, open, pick, row, settleAnimations, signIn } from './support/ui';

const KEY = `sk-catalogue-${randomBytes(8).toString('hex')}`;
const PROVIDER = `Catalogue provider ${randomBytes(3).toString('hex')}`;

let stub: UpstreamStub;

test.beforeAll(async () => {
  stub = await startUpstreamStub({ apiKey: KEY, models: ['claude-sonnet-4-20250514', 'house-model-7b'] });
});

test.afterAll(async () => {
  await stub?.close();
});

test('a new route is priced from the catalogue, keeps a capability override, and Import models adds a route', async ({ page, request }) => {
  test.setTimeout(120_000);
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  const bearer = { authorization: `Bearer ${(await login.json()).data.token}` };
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: bearer })).json()).data;
  const provider = await create('/api/v1/providers', { name: PROVIDER, model_type: 'anthropic', api_url: stub.url });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: KEY });
  const routes = async () => (await (await request.get(`/api/v1/ai-models?provider_id=${provider.id}`, { headers: bearer })).json()).data.items;
  const publicName = `sonnet-${randomBytes(3).toString('hex')}`;

  await signIn(page, 'admin', ADMIN_PASSWORD);
  await open(page, '/models');

  await test.step('typing a known provider model fills its catalogue prices', async () => {
    await page.getByRole('button', { name: 'Add route' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add model route' });
    await settleAnimations(page);
    await dialog.getByLabel('Public name').fill(publicName);
    await pick(dialog.getByLabel('Provider', { exact: true }), PROVIDER);
    await dialog.getByLabel("Provider's model name").fill('claude-sonnet-4-20250514');
    // The server's first catalogue lookup loads the catalogue packages' data: under a loaded CI machine that took
    // longer than the default 10 s once.
    await expect(dialog.getByText('come from the model catalogue')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByLabel('Input / 1M tokens')).toHaveValue('3.0');
    await expect(dialog.getByLabel('Cache write / 1M')).toHaveValue('3.75');
    const profile = dialog.getByTestId('capability-profile');
    await expect(row(profile, 'Max output tokens')).toContainText('64,000');

    await profile.getByLabel('Override Max output tokens').check();
    await profile.getByLabel('Max output tokens', { exact: true }).fill('1000');
    await capture(page, 'model-catalogue-profile-editor');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the saved route carries the catalogue prices and only the overridden field', async () => {
    const [route] = await routes();
    expect(route).toMatchObject({ name: publicName, input_price: 3, output_price: 15, cache_write_price: 3.75, capability_overrides: { maxOutputTokens: 1000 } });
  });

  await test.step('Import models lists the provider models and creates a route for the chosen one', async () => {
    await open(page, '/providers');
    await row(page, PROVIDER).getByRole('button', { name: 'Import models' }).click();
    const dialog = page.getByRole('dialog', { name: `Import models from ${PROVIDER}` });
    const table = dialog.getByTestId('import-models-table');
    await expect(row(table, 'claude-sonnet-4-20250514')).toContainText(publicName);
    await expect(row(table, 'house-model-7b')).toContainText('not in the catalogue');
    await dialog.getByLabel('Import house-model-7b').check();
    await capture(page, 'model-catalogue-import');
    await dialog.getByRole('button', { name: 'Import 1 model' }).click();
    await expect(dialog).toBeHidden();
    expect((await routes()).map((route: { provider_model_name: string }) => route.provider_model_name).sort()).toEqual(['claude-sonnet-4-20250514', 'house-model-7b']);
  });
});
