// Requests no client should send, over raw sockets to the production server: an unrelated malformed cookie next to
// the session, a Host header with a space, TRACE and other odd methods, oversized bodies. Each gets a 4xx with a
// well-formed answer; none a 500, and the server keeps serving.
import { expect, test } from './support/fixtures';
import { sendRaw } from './support/raw-http';
import { ADMIN_PASSWORD, adminBearer, signIn } from './support/ui';

const port = Number(process.env.E2E_PORT);

const raw = (request: string) => sendRaw(port, request);

test('an unrelated malformed cookie next to the session does not break cookie-authenticated API calls', async ({ page, baseURL }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  const session = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const response = await fetch(`${baseURL}/api/v1/auth/me`, { headers: { cookie: `theme=%E0%A4%A; ${session}; other=%` } });
  expect(response.status).toBe(200);
  expect((await response.json()).data.username).toBe('admin');
});

test('a Host header with a space is a 400, not a 500', async () => {
  for (const path of ['/api/health', '/v1/models', '/login']) {
    const answer = await raw(`GET ${path} HTTP/1.1\r\nHost: evil host\r\nConnection: close\r\n\r\n`);
    expect(answer.status, path).toBeGreaterThanOrEqual(400);
    expect(answer.status, path).toBeLessThan(500);
    expect(answer.text, path).toContain('Invalid Host header');
  }
});

test('a wrong method on a gateway endpoint is a 405 with Allow, in the JSON shape of its client', async () => {
  for (const [method, path, allow] of [['GET', '/v1/chat/completions', 'POST'], ['DELETE', '/v1/messages', 'POST'], ['POST', '/v1/models', 'GET']]) {
    const answer = await raw(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(answer.status, `${method} ${path}`).toBe(405);
    expect(answer.text.toLowerCase(), `${method} ${path}`).toContain(`allow: ${allow.toLowerCase()}`);
    const body = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4));
    expect(body.error.message, `${method} ${path}`).toContain(`use ${allow}`);
    if (path === '/v1/messages') expect(body.type).toBe('error');
  }
});

test('TRACE and other odd methods get a 4xx on every kind of path', async () => {
  for (const method of ['TRACE', 'PROPFIND', 'CONNECT']) {
    for (const path of ['/', '/login', '/api/health', '/api/v1/users', '/v1/chat/completions']) {
      const target = method === 'CONNECT' ? `127.0.0.1:${port}` : path;
      const answer = await raw(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
      expect(answer.text, `${method} ${path}`).toMatch(/\r\n\r\n\{/);
      if (method === 'CONNECT') break;
    }
  }
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
});

test('declared oversized bodies are refused from the headers alone, before a byte of the body arrives', async () => {
  const declared = (path: string, length: number, extra = '') =>
    raw(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}Connection: close\r\n\r\n`);
  // The admin API takes small JSON documents only, the unauthenticated login included.
  const login = await declared('/api/v1/auth/login', 40 * 1024 * 1024);
  expect(login.status).toBe(413);
  expect(login.text).toContain('"code":413');
  const justOver = await declared('/api/v1/auth/login', 64 * 1024 + 1);
  expect(justOver.status).toBe(413);
  // /v1 asks for the token first: a stranger gets 401 without the server reading the body.
  const stranger = await declared('/v1/chat/completions', 30 * 1024 * 1024);
  expect(stranger.status).toBe(401);
  expect(stranger.text).toContain('"error"');
});

test('a wrong method on an admin API path is a 405 in the envelope with Allow; an unknown path a JSON 404', async ({ baseURL }) => {
  const ask = (method: string, path: string) => fetch(`${baseURL}${path}`, { method });
  for (const [method, path, allow] of [['DELETE', '/api/v1/auth/login', 'POST, OPTIONS'], ['PATCH', '/api/v1/users', 'GET, POST, HEAD, OPTIONS'], ['POST', '/api/v1/usage/stats', 'GET, HEAD, OPTIONS']]) {
    const answer = await ask(method, path);
    expect(answer.status, `${method} ${path}`).toBe(405);
    expect(answer.headers.get('allow'), `${method} ${path}`).toBe(allow);
    expect(await answer.json(), `${method} ${path}`).toEqual({ code: 405, message: `${method} is not allowed on this path; it takes ${allow}` });
  }
  const options = await ask('OPTIONS', '/api/v1/users');
  expect(options.status).toBe(204);
  expect(options.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  for (const [method, path] of [['GET', '/api/v1/nothing-here'], ['POST', '/api/v1/users/1/nothing'], ['DELETE', '/api/v1/']]) {
    const answer = await ask(method, path);
    expect(answer.status, `${method} ${path}`).toBe(404);
    expect(await answer.json(), `${method} ${path}`).toMatchObject({ code: 404, message: expect.stringContaining('No such API endpoint') });
  }
});

test('a body nested 10,000 levels deep is a 400, not a 500, on /v1 and on the admin API', async ({ request }) => {
  const nested = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const admin = await adminBearer(request);
  const token = (await (await request.post('/api/v1/user-tokens', { headers: admin, data: { name: 'nesting' } })).json()).data.token;
  const chat = await request.post('/v1/chat/completions', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: `{"model":"any","messages":[],"tools":${nested}}`,
  });
  expect(chat.status()).toBe(400);
  expect((await chat.json()).error.message).toBe('Request body nests deeper than 128 levels');
  const messages = await request.post('/v1/messages', {
    headers: { 'x-api-key': token, 'content-type': 'application/json' },
    data: `{"model":"any","max_tokens":1,"messages":[],"tools":[{"name":"t","input_schema":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`,
  });
  expect(messages.status()).toBe(400);
  expect(await messages.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  const provider = await request.post('/api/v1/providers', { headers: { ...admin, 'content-type': 'application/json' }, data: `{"name":"deep","extra_headers":${nested}}` });
  expect(provider.status()).toBe(400);
  expect(await provider.json()).toEqual({ code: 400, message: 'Request body nests deeper than 128 levels' });
  const arrayBody = await request.post('/api/v1/providers', { headers: { ...admin, 'content-type': 'application/json' }, data: nested });
  expect(arrayBody.status()).toBe(400);
});
