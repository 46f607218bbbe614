// Text PostgreSQL cannot store, sent to the admin API of the production server: NUL and lone surrogates in bodies,
// in a query string and in the unauthenticated login. Each is a 400 in the envelope naming the field, never a 500.
import { expect, test } from './support/fixtures';
import { adminBearer } from './support/ui';

let bearer: Record<string, string>;

test.beforeAll(async ({ request }) => {
  bearer = await adminBearer(request);
});

const json = { 'content-type': 'application/json' };

test('a provider name with NUL is refused with 400 naming the field, and nothing is stored', async ({ request }) => {
  const response = await request.post('/api/v1/providers', {
    headers: { ...bearer, ...json },
    data: '{"name":"evil\\u0000provider","model_type":"openai","api_url":"http://127.0.0.1:9/v1"}',
  });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body).toMatchObject({ code: 400, errors: [{ field: 'name' }] });
  expect(body.message).toContain('name');
  const list = await (await request.get('/api/v1/providers?page_size=100', { headers: bearer })).json();
  expect(JSON.stringify(list)).not.toContain('evil');
});

test('a lone surrogate in a nested field (extra headers) is refused with 400 naming its path', async ({ request }) => {
  const response = await request.post('/api/v1/providers', {
    headers: { ...bearer, ...json },
    data: '{"name":"surrogate","model_type":"openai","api_url":"http://127.0.0.1:9/v1","extra_headers":{"x-a":"\\ud800"}}',
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).message).toContain('extra_headers.x-a');
});

test('a usage filter with %00 in the query is refused with 400, not a database error', async ({ request }) => {
  const response = await request.get('/api/v1/usage?model_name=alpha%00', { headers: bearer });
  expect(response.status()).toBe(400);
  expect((await response.json()).message).toContain('model_name');
});

test('the unauthenticated login refuses NUL and lone surrogates with 400, not 500', async ({ request }) => {
  for (const data of ['{"username":"admin\\u0000","password":"x"}', '{"username":"admin","password":"\\udfff"}']) {
    const response = await request.post('/api/v1/auth/login', { headers: json, data });
    expect(response.status(), data).toBe(400);
    expect((await response.json()).code).toBe(400);
  }
});
