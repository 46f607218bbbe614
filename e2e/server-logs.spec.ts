// The production server's log: one JSON object per line on stdout, one line per finished request, never a secret.
// A server started on an empty database generates the admin password into a file only its user can read, and
// the password is nowhere in the log.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, test } from './support/fixtures';
import { startSecondServer, type SecondServer } from './support/second-server';

const serverUrl = process.env.E2E_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let server: SecondServer;
let dataDir: string;
const database = `axongate_logs_${randomBytes(4).toString('hex')}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await adminQuery(`CREATE DATABASE "${database}"`);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-logs-'));
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  server = await startSecondServer({ DATABASE_URL: databaseUrl.toString(), AXONGATE_DATA_DIR: dataDir, ADMIN_PASSWORD: undefined });
});

test.afterAll(async () => {
  server?.kill();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await rm(dataDir, { recursive: true, force: true });
});

test('the generated admin password is left in a 0600 file of the data directory, not in the log', async ({ request }) => {
  const file = path.join(dataDir, 'admin-password');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  const password = (await readFile(file, 'utf8')).trim();
  expect(password.length).toBeGreaterThanOrEqual(20);

  const login = await request.post(`${server.url}/api/v1/auth/login`, {
    headers: { origin: server.url },
    data: { username: 'admin', password },
  });
  expect(login.status()).toBe(200);
  const created = server.entries.find((entry) => entry.msg.startsWith('created user "admin"'));
  expect(created?.msg).toContain(file);
  expect(server.output.join('\n')).not.toContain(password);
});

test('every finished /v1 request is one JSON line with its status and timings, and no token or body', async () => {
  const finished = server.logEntry('request finished');
  const forgedToken = `agt-${randomBytes(24).toString('hex')}`;
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forgedToken}` },
    body: JSON.stringify({ model: 'any-model', messages: [{ role: 'user', content: 'a confidential question' }] }),
  });
  expect(response.status).toBe(401);

  const entry = await finished;
  expect(entry).toMatchObject({
    level: 'info',
    request_id: response.headers.get('x-request-id'),
    token_id: null,
    status: 'error',
    http_status: 401,
    latency_ms: expect.any(Number),
  });
  const everything = server.output.join('\n');
  expect(everything).not.toContain(forgedToken);
  expect(everything).not.toContain('a confidential question');
  for (const line of server.output.filter((text) => text.startsWith('{'))) expect(() => JSON.parse(line)).not.toThrow();
});
