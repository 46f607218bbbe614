// The production server (axongate-server.mjs) under a stop signal, as a process manager sends it: a second
// instance on the e2e database finishes its running stream, stops taking connections at once, writes the usage
// row it still held and exits.
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { startSecondServer, type SecondServer } from './support/second-server';
import { ADMIN_PASSWORD } from './support/ui';

let stub: UpstreamStub;
let second: SecondServer | undefined;

test.beforeAll(async () => {
  stub = await startUpstreamStub({ apiKey: 'sk-shutdown-stub-key' });
});

test.afterAll(async () => {
  second?.kill();
  await stub?.close();
});

test('a stop signal closes the port at once, lets the running stream finish and writes its usage row', async ({ request }) => {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  const bearer = { authorization: `Bearer ${(await login.json()).data.token}` };
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: bearer })).json()).data;
  const provider = await create('/api/v1/providers', { name: 'Shutdown stub', model_type: 'openai', api_url: stub.url });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: 'sk-shutdown-stub-key' });
  await create('/api/v1/ai-models', { name: 'shutdown-model', provider_id: provider.id });
  const userToken = await create('/api/v1/user-tokens', { name: 'shutdown' });

  // Longer than the test: only the shutdown flush can write the usage row.
  second = await startSecondServer({ AXONGATE_USAGE_FLUSH_MS: '600000' });
  const { url, child } = second;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const draining = second.logEntry('shutting down');

  stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three ', 'four ', 'five'] }], delivery: { chunkDelayMs: 200 } });
  const streaming = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken.token}` },
    body: JSON.stringify({ model: 'shutdown-model', stream: true, messages: [{ role: 'user', content: 'count' }] }),
  });
  expect(streaming.status).toBe(200);

  child.kill('SIGTERM');
  await draining;
  // A new connection finds the port closed.
  await expect(connectAndGet(`${url}/api/health`)).rejects.toThrow(/ECONNREFUSED/);
  const text = await streaming.text();
  expect(text).toContain('five');
  expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  expect(await exited).toBe(143);

  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const rows = await client.query('SELECT stream, status FROM usage WHERE user_token_id = $1', [userToken.id]);
    expect(rows.rows).toEqual([{ stream: true, status: 'ok' }]);
  } finally {
    await client.end();
  }
});

/** A GET on a connection of its own (no keep-alive pool that could hold an older socket). */
function connectAndGet(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest(target, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
