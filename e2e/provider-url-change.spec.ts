// A manager repoints a provider's API URL at a server of their own in the browser: the form warns before saving
// that the keys will be turned off, the keys drawer shows them retired with no switch to turn them back on, and
// Test refuses for want of a key. The server of their own is a real one on loopback and receives nothing.
import { randomBytes } from 'node:crypto';
import { startHostileUpstream, type HostileUpstream } from '../test/api/hostile-upstream';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD, capture, open, row, settleAnimations, signIn } from './support/ui';

const KEY = `sk-url-change-${randomBytes(8).toString('hex')}`;
const PROVIDER = 'Repointed provider';

let stub: UpstreamStub;
let hostile: HostileUpstream;

test.beforeAll(async () => {
  stub = await startUpstreamStub({ apiKey: KEY });
  hostile = await startHostileUpstream();
});

test.afterAll(async () => {
  await Promise.all([stub?.close(), hostile?.close()]);
});

test('changing the API URL warns before saving, retires the key, and the new server never receives it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  const bearer = { authorization: `Bearer ${(await login.json()).data.token}` };
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: bearer })).json()).data;
  const provider = await create('/api/v1/providers', { name: PROVIDER, model_type: 'openai', api_url: stub.url });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: KEY });
  const manager = `manager-${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  await create('/api/v1/users', { username: manager, name: manager, password, role: 'manager' });

  await signIn(page, manager, password);
  await open(page, '/providers');

  await test.step('the edit form warns while the URL differs from the saved one', async () => {
    await row(page, PROVIDER).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${PROVIDER}` });
    await settleAnimations(page);
    const warning = dialog.getByTestId('provider-keys-turn-off-warning');
    await expect(warning).toBeHidden();
    await dialog.getByLabel('API URL').fill(`${stub.url}/`);
    await expect(warning).toBeHidden();
    await dialog.getByLabel('API URL').fill(hostile.url);
    await expect(warning).toContainText('Saving turns off all keys of this provider');
    await capture(page, 'provider-url-change-warning');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Its key was turned off: add the key again under Keys.')).toBeVisible();
  });

  await test.step('the keys drawer shows the key retired, with no switch to turn it on', async () => {
    await row(page, PROVIDER).getByRole('button', { name: 'Keys' }).click();
    const drawer = page.getByRole('dialog', { name: `Keys of ${PROVIDER}` });
    await expect(drawer.getByTestId('provider-keys-retired-notice')).toContainText('Add the key again to use it');
    await expect(row(drawer, `…${KEY.slice(-4)}`).getByTestId('provider-key-retired')).toBeVisible();
    await expect(drawer.getByRole('switch')).toHaveCount(0);
    await capture(page, 'provider-url-change-keys-retired');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expect(drawer).toBeHidden();
  });

  await test.step('Test finds no key to send', async () => {
    await row(page, PROVIDER).getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('provider-test-result')).toContainText('provider has no active key');
  });

  expect(hostile.requests).toHaveLength(0);
});
