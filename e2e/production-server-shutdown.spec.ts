// The production server (axongate-server.mjs) under a stop signal, as a process manager sends it: a second
// instance on the e2e database finishes its running stream, stops taking connections at once, writes the usage
// row it still held and exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { findFreePort } from '../test/helpers/free-port';
import { ADMIN_PASSWORD } from './support/ui';

/** scripts/production-build.mjs, typed at this boundary (the project compiles no JavaScript). */
type ProductionBuild = { standaloneDir: string; standaloneServer: string };

let stub: UpstreamStub;
let second: ChildProcess | undefined;

test.beforeAll(async () => {
  stub = await startUpstreamStub({ apiKey: 'sk-shutdown-stub-key' });
});

test.afterAll(async () => {
  if (second?.exitCode === null) second.kill('SIGKILL');
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

  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const build = (await import(pathToFileURL(path.resolve('scripts/production-build.mjs')).href)) as ProductionBuild;
  second = spawn(process.execPath, [build.standaloneServer], {
    cwd: build.standaloneDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AXONGATE_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: url,
      // Longer than the test: only the shutdown flush can write the usage row.
      AXONGATE_USAGE_FLUSH_MS: '600000',
    },
  });
  const exited = new Promise<number | null>((resolve) => second!.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: second.stdout! });
  const draining = new Promise<void>((resolve) => lines.on('line', (line) => line.startsWith('[axongate] shutting down') && resolve()));
  await expect.poll(() => fetch(`${url}/api/health`).then((response) => response.status, () => 0), { timeout: 60_000 }).toBe(200);

  stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three ', 'four ', 'five'] }], delivery: { chunkDelayMs: 200 } });
  const streaming = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken.token}` },
    body: JSON.stringify({ model: 'shutdown-model', stream: true, messages: [{ role: 'user', content: 'count' }] }),
  });
  expect(streaming.status).toBe(200);

  second.kill('SIGTERM');
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
