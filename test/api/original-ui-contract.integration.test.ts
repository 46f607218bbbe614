// The original admin UI (github.com/sunSprout/axongate-ui, React + axios) must work unmodified against /api/v1.
// This file calls the API over a socket the way that UI's client does, and reads every field its pages read:
//
// - its axios instance has baseURL /api/v1, sends `Authorization: Bearer <token>` once the login stored a token,
//   serialises `params` the axios way (undefined dropped, encodeURIComponent with `:`, `$`, `,` kept and spaces as
//   `+`), sends JSON bodies, and hands each page `response.data.data` (our envelope's `data`);
// - its login fetches GET /crypto/public-key, RSA-encrypts the password (PKCS#1 v1.5, base64) and posts it with
//   `X-Encrypted-Fields: password`;
// - its pages list providers by /providers/all, models, provider keys and user tokens without page or page_size
//   (and page them in the browser), filter usage by a model *name* in model_id, and format a `token` of every key
//   and token row.
//
// None of its code is here: each call below is described from its sources (src/api, src/stores, src/pages).
import { constants, publicEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as unknownPath } from '../../app/api/v1/[[...path]]/route';
import * as aiModel from '../../app/api/v1/ai-models/[id]/route';
import * as aiModelStatus from '../../app/api/v1/ai-models/[id]/status/route';
import * as aiModels from '../../app/api/v1/ai-models/route';
import * as login from '../../app/api/v1/auth/login/route';
import * as me from '../../app/api/v1/auth/me/route';
import * as publicKey from '../../app/api/v1/crypto/public-key/route';
import * as providerToken from '../../app/api/v1/provider-tokens/[id]/route';
import * as keysOfProvider from '../../app/api/v1/provider-tokens/by-provider/[id]/route';
import * as providerTokens from '../../app/api/v1/provider-tokens/route';
import * as provider from '../../app/api/v1/providers/[id]/route';
import * as allProviders from '../../app/api/v1/providers/all/route';
import * as providers from '../../app/api/v1/providers/route';
import * as usageRow from '../../app/api/v1/usage/[id]/route';
import * as usageDistribution from '../../app/api/v1/usage/distribution/route';
import * as usage from '../../app/api/v1/usage/route';
import * as usageStats from '../../app/api/v1/usage/stats/route';
import * as usageTrend from '../../app/api/v1/usage/trend/route';
import * as regenerate from '../../app/api/v1/user-tokens/[id]/regenerate/route';
import * as userToken from '../../app/api/v1/user-tokens/[id]/route';
import * as userTokens from '../../app/api/v1/user-tokens/route';
import * as validate from '../../app/api/v1/user-tokens/validate/route';
import { db, type Prisma } from '../../lib/db';
import { hashUserToken } from '../../lib/secrets/user-token-secret';
import { ensurePolicies } from '../helpers/bootstrap';
import { serveApiRoutes, type ApiRoutes, type ServedApi } from '../helpers/serve-api-routes';
import { createTestUser, type TestUser } from '../helpers/users';

// Static paths before the dynamic ones beside them, as Next matches them; the catch-all last.
const ROUTES = {
  '/api/v1/crypto/public-key': publicKey,
  '/api/v1/auth/login': login,
  '/api/v1/auth/me': me,
  '/api/v1/providers/all': allProviders,
  '/api/v1/providers': providers,
  '/api/v1/providers/:id': provider,
  '/api/v1/ai-models': aiModels,
  '/api/v1/ai-models/:id/status': aiModelStatus,
  '/api/v1/ai-models/:id': aiModel,
  '/api/v1/provider-tokens': providerTokens,
  '/api/v1/provider-tokens/by-provider/:id': keysOfProvider,
  '/api/v1/provider-tokens/:id': providerToken,
  '/api/v1/user-tokens': userTokens,
  '/api/v1/user-tokens/validate': validate,
  '/api/v1/user-tokens/:id/regenerate': regenerate,
  '/api/v1/user-tokens/:id': userToken,
  '/api/v1/usage': usage,
  '/api/v1/usage/stats': usageStats,
  '/api/v1/usage/trend': usageTrend,
  '/api/v1/usage/distribution': usageDistribution,
  '/api/v1/usage/:id': usageRow,
  '/api/v1/.*': { GET: unknownPath, POST: unknownPath, PUT: unknownPath, PATCH: unknownPath, DELETE: unknownPath },
};

type Params = Record<string, string | number | boolean | undefined | null>;
/** What the pages get: parsed JSON, read field by field as the UI does (its own types are no stricter). */
type Json = ReturnType<typeof JSON.parse>;
type Sent = { method: string; url: string; headers: Record<string, string>; body?: string };

/** What axios rejects with on a non-2xx answer: the status and the parsed body (`error.response`). */
class UiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly data: { code: number; message: string; errors?: unknown } | undefined,
  ) {
    super(`HTTP ${status}: ${data?.message}`);
  }
}

/** axios's default params serialiser: keys in order, null and undefined left out, its URI encoding. */
function axiosQuery(params: Params | undefined): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%20/g, '+');
  const pairs = Object.entries(params ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encode(key)}=${encode(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The UI's axios instance: base URL, JSON, the stored bearer token, and `response.data.data` handed to pages. */
class OriginalUiClient {
  /** What the UI keeps in localStorage under `token`. */
  token: string | null = null;
  readonly sent: Sent[] = [];

  constructor(private readonly baseUrl: string) {}

  async request<T = Json>(method: string, path: string, options: { params?: Params; data?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*', ...options.headers };
    // The instance's JSON Content-Type goes out with a body; axios drops it when there is none.
    if (options.data !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const url = `${this.baseUrl}${path}${axiosQuery(options.params)}`;
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    this.sent.push({ method, url, headers, body });
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (response.status < 200 || response.status >= 300) throw new UiRequestError(response.status, json);
    return json && typeof json === 'object' && 'data' in json ? json.data : json;
  }
}

/** The UI's src/api functions, one per call it makes: method, path, params and body as it sends them. */
function originalUiApi(client: OriginalUiClient) {
  const get = <T = Json>(path: string, params?: Params) => client.request<T>('GET', path, { params });
  return {
    auth: {
      /** postEncrypted('/auth/login', { username, password }, ['password']). */
      async login(username: string, password: string) {
        const { public_key } = await get<{ public_key: string }>('/crypto/public-key');
        const encrypted = publicEncrypt({ key: public_key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString('base64');
        return client.request('POST', '/auth/login', { data: { username, password: encrypted }, headers: { 'X-Encrypted-Fields': 'password' } });
      },
      getCurrentUser: () => get('/auth/me'),
    },
    providers: {
      getAll: async () => (await get<{ providers?: Json[] }>('/providers/all'))?.providers ?? [],
      create: (data: { name: string; model_type: string; api_url: string }) => client.request('POST', '/providers', { data }),
      update: (id: number, data: { name: string; model_type: string; api_url: string }) => client.request('PUT', `/providers/${id}`, { data }),
      delete: (id: number) => client.request('DELETE', `/providers/${id}`),
    },
    models: {
      getAll: (params?: { provider_id?: number; status?: string }) => get('/ai-models', params),
      create: (data: Record<string, unknown>) => client.request('POST', '/ai-models', { data }),
      update: (id: number, data: Record<string, unknown>) => client.request('PUT', `/ai-models/${id}`, { data }),
      updateStatus: (id: number, data: { status: string }) => client.request('PATCH', `/ai-models/${id}/status`, { data }),
      setStatus: (id: number, status: string) => client.request('POST', `/ai-models/${id}/status`, { data: { status } }),
      delete: (id: number) => client.request('DELETE', `/ai-models/${id}`),
    },
    providerTokens: {
      getAll: (params?: { provider_id?: number }) => get('/provider-tokens', params),
      getByProviderId: (providerId: number) => get<Json[]>(`/provider-tokens/by-provider/${providerId}`),
      create: (data: { provider_id: number; token: string }) => client.request('POST', '/provider-tokens', { data }),
      update: (id: number, data: { active: boolean }) => client.request('PUT', `/provider-tokens/${id}`, { data }),
      delete: (id: number) => client.request('DELETE', `/provider-tokens/${id}`),
    },
    userTokens: {
      getAll: () => get('/user-tokens'),
      getById: (id: number) => get(`/user-tokens/${id}`),
      create: () => client.request('POST', '/user-tokens'),
      delete: (id: number) => client.request('DELETE', `/user-tokens/${id}`),
      regenerate: (id: number) => client.request('POST', `/user-tokens/${id}/regenerate`),
      validate: (token: string) => client.request<{ valid: boolean }>('POST', '/user-tokens/validate', { data: { token } }),
    },
    usage: {
      list: (params?: Params) => get('/usage', params),
      getById: (id: string | number) => get(`/usage/${id}`),
      getStats: (params?: Params) => get('/usage/stats', params),
      getTrend: (params?: Params) => get('/usage/trend', params),
      getDistribution: (params?: Params) => get('/usage/distribution', params),
    },
  };
}

/** The usage store's params: page and size for the list, then the user, model and date filters it has set. */
function usageStoreParams(filters: { page?: number; pageSize?: number; model?: string; user?: string; dateRange?: [string, string] }) {
  const params: Params = filters.page === undefined ? {} : { page: filters.page, page_size: filters.pageSize };
  if (filters.user) params.user_token_id = filters.user;
  if (filters.model) params.model_id = filters.model;
  if (filters.dateRange) {
    params.start_time = filters.dateRange[0];
    params.end_time = filters.dateRange[1];
  }
  return params;
}

const isDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(new Date(value).getTime());
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

// Usage rows of this file live in July 2002, which no other test file writes.
const JULY_2002: [string, string] = ['2002-07-01', '2002-07-31'];
const SPACED_MODEL = 'vendor:gpt 4, large';

describe('the original admin UI (sunSprout/axongate-ui) against /api/v1', () => {
  let api: ServedApi;
  let admin: TestUser;
  let client: OriginalUiClient;
  let ui: ReturnType<typeof originalUiApi>;

  beforeAll(async () => {
    await ensurePolicies();
    admin = await createTestUser('admin');
    // Each route module's exports are its method handlers (and `dynamic`, which the server never calls).
    api = await serveApiRoutes(ROUTES as unknown as ApiRoutes);
    client = new OriginalUiClient(`${api.url}/api/v1`);
    ui = originalUiApi(client);
    // The login page, through the auth store: it keeps `token` when the answer has a token and a user.
    const answer = await ui.auth.login(admin.username, admin.password);
    expect(answer.token).toEqual(expect.any(String));
    expect(answer.user).toMatchObject({ id: admin.id, username: admin.username, role: 'admin' });
    client.token = answer.token;
  });

  afterAll(() => api?.close());

  it('logs in with the encrypted password and then sends its bearer token on every call', async () => {
    const loginCall = client.sent.find((call) => call.url.endsWith('/api/v1/auth/login'));
    expect(loginCall?.headers['X-Encrypted-Fields']).toBe('password');
    expect(JSON.parse(loginCall?.body ?? '{}').password).not.toBe(admin.password);

    const current = await ui.auth.getCurrentUser();
    expect(current).toMatchObject({ id: admin.id, username: admin.username, role: 'admin' });
    expect(client.sent.at(-1)?.headers.Authorization).toBe(`Bearer ${client.token}`);

    // A wrong password is refused with the message the login page shows (error.response.data.message).
    const refused = await originalUiApi(new OriginalUiClient(`${api.url}/api/v1`)).auth.login(admin.username, 'wrong-password').catch((error) => error);
    expect(refused).toBeInstanceOf(UiRequestError);
    expect(refused.status).toBe(401);
    expect(refused.data.message).toEqual(expect.any(String));
  });

  it('Providers page: lists /providers/all, creates, edits and deletes with the fields its table and form use', async () => {
    const name = unique('ui-provider');
    const created = await ui.providers.create({ name, model_type: 'openai', api_url: 'https://api.openai.com' });
    const listed = (await ui.providers.getAll()).find((row) => row.id === created.id);
    expect(listed).toMatchObject({ id: created.id, name, model_type: 'openai', api_url: 'https://api.openai.com' });

    // The edit form sends the three fields it shows, the URL unchanged.
    const edited = await ui.providers.update(created.id, { name: `${name}-renamed`, model_type: 'openai', api_url: 'https://api.openai.com' });
    expect(edited).toMatchObject({ id: created.id, name: `${name}-renamed` });

    await ui.providers.delete(created.id);
    expect((await ui.providers.getAll()).some((row) => row.id === created.id)).toBe(false);
  });

  it('Providers page: deleting a provider with models and keys takes them along, as its confirmation dialog says', async () => {
    const busy = await ui.providers.create({ name: unique('ui-busy'), model_type: 'openai', api_url: 'https://api.openai.com' });
    await ui.models.create({ name: unique('ui-busy-model'), provider_id: String(busy.id), provider_model_name: 'gpt-4o', input_price: 2.5, output_price: 10, currency: 'USD' });
    await ui.providerTokens.create({ provider_id: busy.id, token: `sk-proj-${randomBytes(16).toString('hex')}` });

    await ui.providers.delete(busy.id);
    expect((await ui.providers.getAll()).some((row) => row.id === busy.id)).toBe(false);
    expect((await ui.models.getAll({ provider_id: busy.id })).models).toEqual([]);
    expect(await ui.providerTokens.getByProviderId(busy.id).catch((error: { status?: number }) => error.status)).toBe(404);
  });

  it('Models page: the whole list without page_size, create, edit, both status calls and delete', async () => {
    const owner = await ui.providers.create({ name: unique('ui-models'), model_type: 'anthropic', api_url: 'https://api.anthropic.com' });
    // More than one default page of 20: the page asks without page or page_size and pages in the browser.
    const names = Array.from({ length: 25 }, (_, n) => unique(`ui-model-${n}`));
    for (const name of names) {
      await ui.models.create({ name, provider_id: owner.id, provider_model_name: 'claude-sonnet-4', status: 'active', currency: 'USD', input_price: 0.003, output_price: 0.015 });
    }
    const all = await ui.models.getAll({ provider_id: undefined });
    expect(client.sent.at(-1)?.url).toBe(`${api.url}/api/v1/ai-models`);
    expect(all.models.filter((model: { provider_id: number }) => model.provider_id === owner.id)).toHaveLength(25);
    expect(all.total).toBe(all.models.length);

    const filtered = await ui.models.getAll({ provider_id: owner.id });
    expect(filtered.models).toHaveLength(25);
    const model = filtered.models[0];
    expect(model).toMatchObject({
      id: expect.any(Number),
      name: names[0],
      provider_id: owner.id,
      provider_model_name: 'claude-sonnet-4',
      status: 'active',
      input_price: 0.003,
      output_price: 0.015,
      currency: 'USD',
    });

    // The edit form sends every field it holds, provider_id included.
    const edited = await ui.models.update(model.id, {
      name: model.name,
      provider_id: model.provider_id,
      provider_model_name: 'claude-opus-4',
      status: model.status,
      currency: 'CNY',
      input_price: 1,
      output_price: 2,
    });
    expect(edited).toMatchObject({ provider_model_name: 'claude-opus-4', currency: 'CNY', input_price: 1, output_price: 2 });

    // Its status switch sends PATCH; its API also has a POST for the same.
    await ui.models.updateStatus(model.id, { status: 'disabled' });
    expect((await ui.models.getAll({ provider_id: owner.id })).models.find((row: { id: number }) => row.id === model.id).status).toBe('disabled');
    await ui.models.setStatus(model.id, 'active');
    expect((await ui.models.getAll({ provider_id: owner.id })).models.find((row: { id: number }) => row.id === model.id).status).toBe('active');

    for (const row of filtered.models) await ui.models.delete(row.id);
    await ui.providers.delete(owner.id);
  });

  it('Provider tokens page: every row has a masked `token` its table formats; the key itself never comes back', async () => {
    const owner = await ui.providers.create({ name: unique('ui-keys'), model_type: 'openai', api_url: 'https://api.openai.com' });
    const key = `sk-proj-${randomBytes(24).toString('hex')}`;
    const created = await ui.providerTokens.create({ provider_id: owner.id, token: key });
    expect(JSON.stringify(created)).not.toContain(key);

    const { tokens } = await ui.providerTokens.getAll({ provider_id: owner.id });
    expect(client.sent.at(-1)?.url).toBe(`${api.url}/api/v1/provider-tokens?provider_id=${owner.id}`);
    expect(tokens).toHaveLength(1);
    const row = tokens[0];
    expect(row).toMatchObject({ id: created.id, provider_id: owner.id, active: true });
    expect(isDate(row.created_at)).toBe(true);
    // What the table renders: the length, its first and last four characters (the eye button shows all of it).
    expect(row.token).toBe(`••••${key.slice(-4)}`);
    expect(row.token.slice(0, 4)).toBe('••••');
    expect(JSON.stringify(tokens)).not.toContain(key.slice(0, 12));

    // Unfiltered (the page without a provider chosen, and the dashboard's check), without page or page_size.
    const everyKey = await ui.providerTokens.getAll({ provider_id: undefined });
    expect(client.sent.at(-1)?.url).toBe(`${api.url}/api/v1/provider-tokens`);
    expect(everyKey.tokens.find((token: { id: number }) => token.id === created.id)?.token).toBe(row.token);
    expect(everyKey.total).toBe(everyKey.tokens.length);

    // Its API's by-provider call answers the plain array it types as ProviderToken[].
    expect(await ui.providerTokens.getByProviderId(owner.id)).toEqual(tokens);

    await ui.providerTokens.update(created.id, { active: false });
    expect((await ui.providerTokens.getAll({ provider_id: owner.id })).tokens[0].active).toBe(false);
    await ui.providerTokens.update(created.id, { active: true });

    // Changing the provider's URL retires its keys for good: they leave the UI's list (it has no retired state).
    await ui.providers.update(owner.id, { name: owner.name, model_type: 'openai', api_url: 'https://elsewhere.example.com' });
    expect((await ui.providerTokens.getAll({ provider_id: owner.id })).tokens).toEqual([]);
    expect(await ui.providerTokens.getByProviderId(owner.id)).toEqual([]);
    const withRetired = await client.request('GET', '/provider-tokens', { params: { provider_id: owner.id, include_revoked: 'true' } });
    expect(withRetired.tokens).toMatchObject([{ id: created.id, active: false, retired_at: expect.any(String), token: row.token }]);
    expect(await client.request('GET', `/provider-tokens/by-provider/${owner.id}`, { params: { include_revoked: true } })).toHaveLength(1);

    await ui.providerTokens.delete(created.id);
    expect((await client.request('GET', '/provider-tokens', { params: { provider_id: owner.id, include_revoked: 'true' } })).tokens).toEqual([]);
    const missing = await ui.providerTokens.getByProviderId(987_654_321).catch((error) => error);
    expect(missing).toMatchObject({ status: 404, data: { code: 404, message: 'provider 987654321 not found' } });
    await ui.providers.delete(owner.id);
  });

  it('User tokens page: masked rows, the show-once dialog gets the plaintext, revoked tokens leave the list', async () => {
    const before = await ui.userTokens.getAll();
    expect(client.sent.at(-1)?.url).toBe(`${api.url}/api/v1/user-tokens`);

    // "Generate": POST without a body; the dialog shows and copies `token` of the answer.
    const created = await ui.userTokens.create();
    expect(client.sent.at(-1)).toMatchObject({ method: 'POST', body: undefined });
    expect(created.token).toMatch(/^sk-ag-[0-9A-Za-z]{43}$/);
    expect((await db.userToken.findUniqueOrThrow({ where: { id: created.id } })).tokenHash).toBe(hashUserToken(created.token));

    const { tokens } = await ui.userTokens.getAll();
    expect(tokens).toHaveLength(before.tokens.length + 1);
    const row = tokens.find((token: { id: number }) => token.id === created.id);
    expect(isDate(row.created_at)).toBe(true);
    // The table shows token.slice(0, 8)…token.slice(-8): a string, the prefix then bullets, never the secret.
    expect(row.token).toBe(`${created.token.slice(0, 10)}••••••••`);
    expect(row.token.length).toBeGreaterThan(16);
    expect(JSON.stringify(tokens)).not.toContain(created.token);

    // Its copy button fetches the row again and copies `token`: the masked form, since only a hash is kept.
    expect((await ui.userTokens.getById(created.id)).token).toBe(row.token);

    expect(await ui.userTokens.validate(created.token)).toEqual({ valid: true });

    const regenerated = await ui.userTokens.regenerate(created.id);
    expect(regenerated.token).toMatch(/^sk-ag-/);
    expect(regenerated.token).not.toBe(created.token);
    expect(await ui.userTokens.validate(created.token)).toEqual({ valid: false });
    expect(await ui.userTokens.validate(regenerated.token)).toEqual({ valid: true });

    // "Revoke": every listed row is labelled valid, so a revoked token must leave the list.
    await ui.userTokens.delete(created.id);
    const after = await ui.userTokens.getAll();
    expect(after.tokens.some((token: { id: number }) => token.id === created.id)).toBe(false);
    expect(after.total).toBe(before.total);
    expect(await ui.userTokens.validate(regenerated.token)).toEqual({ valid: false });
    const withRevoked = await client.request('GET', '/user-tokens', { params: { include_revoked: 'true' } });
    expect(withRevoked.tokens.find((token: { id: number }) => token.id === created.id)).toMatchObject({ revoked_at: expect.any(String) });
  });

  describe('Usage page and dashboard', () => {
    const requestIds: string[] = [];

    beforeAll(async () => {
      const row = (model: string, day: string, tokens: { input: number; output: number }, cost: string): Prisma.UsageCreateManyInput => {
        const requestId = randomUUID();
        requestIds.push(requestId);
        return {
          requestId,
          userId: admin.id,
          userTokenId: 920_001,
          modelName: model,
          modelId: 920_002,
          providerId: 920_003,
          providerTokenId: 920_004,
          providerModelName: model,
          clientProtocol: 'openai',
          upstreamProtocol: 'openai',
          status: 'ok',
          httpStatus: 200,
          inputTokens: tokens.input,
          outputTokens: tokens.output,
          inputCost: '0.001',
          outputCost: '0.002',
          totalCost: cost,
          latencyMs: 50,
          createdAt: new Date(`${day}T12:00:00Z`),
          day: new Date(`${day}T00:00:00Z`),
        };
      };
      await db.usage.createMany({
        data: [
          row('gpt-4-turbo', '2002-07-02', { input: 100, output: 20 }, '0.003'),
          row('gpt-4-turbo', '2002-07-03', { input: 200, output: 40 }, '0.006'),
          row('claude-3-opus', '2002-07-03', { input: 50, output: 5 }, '0.010'),
          row(SPACED_MODEL, '2002-07-04', { input: 10, output: 1 }, '0.001'),
        ],
      });
    });

    it('lists a page with the fields of its table, filtered by a model name in model_id and a date range', async () => {
      const params = usageStoreParams({ page: 1, pageSize: 20, model: 'gpt-4-turbo', dateRange: JULY_2002 });
      const page = await ui.usage.list(params);
      expect(client.sent.at(-1)?.url).toBe(
        `${api.url}/api/v1/usage?page=1&page_size=20&model_id=gpt-4-turbo&start_time=2002-07-01&end_time=2002-07-31`,
      );
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(2);
      for (const item of page.items) {
        expect(item).toMatchObject({
          id: expect.any(Number),
          request_id: expect.any(String),
          user_token_id: 920_001,
          model_id: 920_002,
          model_name: 'gpt-4-turbo',
          input_tokens: expect.any(Number),
          output_tokens: expect.any(Number),
          total_cost: expect.any(Number),
        });
        expect(isDate(item.created_at)).toBe(true);
        expect(item.total_cost.toFixed(6)).toMatch(/^\d+\.\d{6}$/);
      }
      expect(page.items.map((item: { input_tokens: number; output_tokens: number }) => item.input_tokens + item.output_tokens)).toEqual([240, 120]);

      // A name with a space, a colon and a comma goes through axios's encoding (`+`, `:` and `,` as they are).
      const spaced = await ui.usage.list(usageStoreParams({ page: 1, pageSize: 20, model: SPACED_MODEL, dateRange: JULY_2002 }));
      expect(client.sent.at(-1)?.url).toContain('model_id=vendor:gpt+4,+large');
      expect(spaced.items.map((item: { model_name: string }) => item.model_name)).toEqual([SPACED_MODEL]);

      // Digits are still an id.
      expect((await ui.usage.list({ model_id: 920_002, start_time: JULY_2002[0], end_time: JULY_2002[1] })).total).toBe(4);
    });

    it('refuses a model_id with a NUL or of more than 200 characters, naming the field', async () => {
      const nul = await ui.usage.list({ model_id: 'gpt\u0000-4' }).catch((error) => error);
      expect(nul).toMatchObject({ status: 400 });
      expect(nul.data.errors).toEqual([{ field: 'model_id', message: expect.stringContaining('NUL') }]);
      const long = await ui.usage.getStats({ model_id: 'm'.repeat(201) }).catch((error) => error);
      expect(long).toMatchObject({ status: 400 });
      expect(long.data.errors).toEqual([{ field: 'model_id', message: expect.stringContaining('200') }]);
    });

    it('shows stats, the trend and the model distribution with the fields its cards and charts read', async () => {
      const filters = usageStoreParams({ model: 'gpt-4-turbo', dateRange: JULY_2002 });
      const stats = await ui.usage.getStats(filters);
      expect(stats).toMatchObject({ total_requests: 2, total_input_tokens: 300, total_output_tokens: 60 });
      expect(stats.total_cost).toBeCloseTo(0.009, 10);

      const { trend } = await ui.usage.getTrend(filters);
      expect(trend).toHaveLength(31);
      expect(trend.find((point: { date: string }) => point.date === '2002-07-03')).toMatchObject({ requests: 1, tokens: 240, cost: expect.closeTo(0.006, 10) });
      for (const point of trend) expect(point).toEqual(expect.objectContaining({ date: expect.any(String), requests: expect.any(Number), cost: expect.any(Number) }));

      // The distribution takes no model filter.
      const { distribution } = await ui.usage.getDistribution(usageStoreParams({ dateRange: JULY_2002 }));
      expect(distribution.map((entry: { model_name: string }) => entry.model_name).sort()).toEqual(['claude-3-opus', 'gpt-4-turbo', SPACED_MODEL].sort());
      const gpt = distribution.find((entry: { model_name: string }) => entry.model_name === 'gpt-4-turbo');
      expect(gpt).toMatchObject({ requests: 2, tokens: 360, percent: 50 });
      expect(gpt.cost).toBeCloseTo(0.009, 10);
    });

    it('reads one usage row by id; a user only their own', async () => {
      const stored = await db.usage.findUniqueOrThrow({ where: { requestId: requestIds[0] } });
      const one = await ui.usage.getById(String(stored.id));
      expect(one).toMatchObject({
        id: Number(stored.id),
        request_id: requestIds[0],
        user_token_id: 920_001,
        model_id: 920_002,
        provider_token_id: 920_004,
        input_tokens: 100,
        output_tokens: 20,
        input_cost: 0.001,
        output_cost: 0.002,
        total_cost: 0.003,
        created_at: '2002-07-02T12:00:00.000Z',
      });

      const stranger = await createTestUser('user');
      const strangerClient = new OriginalUiClient(`${api.url}/api/v1`);
      strangerClient.token = stranger.token;
      const hidden = await originalUiApi(strangerClient).usage.getById(String(stored.id)).catch((error) => error);
      expect(hidden).toMatchObject({ status: 404, data: { code: 404, message: `usage ${stored.id} not found` } });
      for (const bad of ['0', 'abc', '99999999999999999999']) {
        expect(await ui.usage.getById(bad).catch((error) => error.status)).toBe(404);
      }
    });

    it('Dashboard: counts providers, models and requests, and checks every provider has an active key', async () => {
      const owner = await ui.providers.create({ name: unique('ui-dash'), model_type: 'openai', api_url: 'https://api.openai.com' });
      const providerList = await ui.providers.getAll();
      expect(providerList.length).toBeGreaterThan(0);
      expect((await ui.models.getAll()).models).toEqual(expect.any(Array));
      expect((await ui.usage.getStats()).total_requests).toBeGreaterThanOrEqual(4);
      const keyless = (tokens: Array<{ provider_id: number; active: boolean }>) =>
        !tokens.filter((token) => token.provider_id === owner.id).some((token) => token.active);
      expect(keyless((await ui.providerTokens.getAll()).tokens)).toBe(true);
      const key = await ui.providerTokens.create({ provider_id: owner.id, token: `sk-${randomBytes(12).toString('hex')}` });
      expect(keyless((await ui.providerTokens.getAll()).tokens)).toBe(false);
      await ui.providerTokens.delete(key.id);
      await ui.providers.delete(owner.id);
    });
  });

  it('validate needs a session, and tells a user only about their own tokens', async () => {
    const anonymous = await originalUiApi(new OriginalUiClient(`${api.url}/api/v1`)).userTokens.validate('sk-ag-anything').catch((error) => error);
    expect(anonymous).toMatchObject({ status: 401 });

    const alice = await createTestUser('user');
    const aliceClient = new OriginalUiClient(`${api.url}/api/v1`);
    aliceClient.token = alice.token;
    const asAlice = originalUiApi(aliceClient);
    const own = await asAlice.userTokens.create();
    const admins = await ui.userTokens.create();
    expect(await asAlice.userTokens.validate(own.token)).toEqual({ valid: true });
    // Someone else's working token looks like a wrong one; an admin sees every token.
    expect(await asAlice.userTokens.validate(admins.token)).toEqual({ valid: false });
    expect(await ui.userTokens.validate(own.token)).toEqual({ valid: true });
    for (const junk of ['', 'not-a-token', `sk-ag-${'0'.repeat(43)}`, 'x'.repeat(1024)]) {
      expect(await asAlice.userTokens.validate(junk)).toEqual({ valid: false });
    }
    const tooLong = await asAlice.userTokens.validate('x'.repeat(1025)).catch((error) => error);
    expect(tooLong).toMatchObject({ status: 400, data: { errors: [{ field: 'token', message: 'token must be at most 1024 characters' }] } });
    const missing = await aliceClient.request('POST', '/user-tokens/validate', { data: {} }).catch((error) => error);
    expect(missing).toMatchObject({ status: 400, data: { errors: [{ field: 'token', message: 'token must be text' }] } });

    // Expired tokens and disabled owners are invalid too, as the gateway would refuse them.
    await db.userToken.update({ where: { id: own.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await ui.userTokens.validate(own.token)).toEqual({ valid: false });
    await db.userToken.update({ where: { id: own.id }, data: { expiresAt: null } });
    await db.user.update({ where: { id: alice.id }, data: { disabled: true } });
    expect(await ui.userTokens.validate(own.token)).toEqual({ valid: false });
  });

  it('answers an unknown /api/v1 path with a JSON 404 and a wrong method with a JSON 405', async () => {
    const unknown = await client.request('GET', '/no-such-endpoint/7').catch((error) => error);
    expect(unknown).toMatchObject({ status: 404, data: { code: 404, message: 'No such API endpoint: GET /api/v1/no-such-endpoint/7' } });
    const wrongMethod = await client.request('DELETE', '/user-tokens/validate').catch((error) => error);
    expect(wrongMethod).toMatchObject({ status: 405, data: { code: 405 } });
    const byProvider = await client.request('PUT', '/provider-tokens/by-provider/1', { data: {} }).catch((error) => error);
    expect(byProvider).toMatchObject({ status: 405, data: { code: 405 } });
    const usageById = await client.request('POST', '/usage/1', { data: {} }).catch((error) => error);
    expect(usageById).toMatchObject({ status: 405, data: { code: 405 } });
  });
});
