// The production layout for real: Debian's Caddy with the project's Caddyfile in front of two instances of the
// production server on one database. Streams pass through unbuffered, traffic reaches both instances, one can stop
// without a failed request, and what must stay internal (the engine contract, metrics) cannot be reached through
// Caddy in any spelling, nor can a client's forged X-Forwarded-For reach the app as the truth.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../test/helpers/free-port';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { rawRequestText, sendRaw } from './support/raw-http';
import { startSecondServer, type SecondServer } from './support/second-server';
import { adminBearer } from './support/ui';

const ENGINE_SECRET = 'e2e-engine-secret-0123456789abcdef0123';
const PROVIDER_KEY = 'sk-caddy-stub-key-do-not-leak';

let stub: UpstreamStub;
let instances: SecondServer[] = [];
let caddy: ChildProcess | undefined;
let caddyPort: number;
let caddyUrl: string;
let userToken: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY });
  const bearer = await adminBearer(request);
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: bearer })).json()).data;
  const provider = await create('/api/v1/providers', { name: 'Caddy stub', model_type: 'openai', api_url: stub.url });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
  await create('/api/v1/ai-models', { name: 'caddy-model', provider_id: provider.id });
  userToken = (await create('/api/v1/user-tokens', { name: 'caddy' })).token;

  // Longer than two of the Caddyfile's health intervals: Caddy has left a stopping instance before its port closes.
  const env = { AXONGATE_ENGINE_SECRET: ENGINE_SECRET, AXONGATE_LOGIN_MAX_ATTEMPTS: '1', AXONGATE_SHUTDOWN_DRAIN_MS: '5000' };
  instances = await Promise.all([startSecondServer(env), startSecondServer(env)]);
  caddyPort = await findFreePort();
  caddyUrl = `http://127.0.0.1:${caddyPort}`;
  caddy = await startCaddy(instances.map((instance) => `127.0.0.1:${instance.port}`));
});

test.afterAll(async () => {
  caddy?.kill('SIGKILL');
  for (const instance of instances) instance.kill();
  await stub?.close();
});

test('a stream arrives through Caddy chunk by chunk, not buffered to the end', async () => {
  stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three ', 'four ', 'five'] }], delivery: { chunkDelayMs: 300 } });
  const response = await fetch(`${caddyUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken}` },
    body: JSON.stringify({ model: 'caddy-model', stream: true, messages: [{ role: 'user', content: 'count' }] }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBeNull();
  const arrivals: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    arrivals.push({ at: Date.now(), text: decoder.decode(read.value, { stream: true }) });
  }
  const all = arrivals.map((arrival) => arrival.text).join('');
  expect(all).toContain('five');
  expect(all.trimEnd().endsWith('data: [DONE]')).toBe(true);
  const firstWord = arrivals.find((arrival) => arrival.text.includes('one'))!;
  const lastWord = arrivals.find((arrival) => arrival.text.includes('five'))!;
  // Four gaps of 300 ms separate the words at the provider; a buffering proxy would deliver them together.
  expect(lastWord.at - firstWord.at).toBeGreaterThan(800);
});

test('requests through Caddy reach both instances', async () => {
  const before = await Promise.all(instances.map(requestsServed));
  const statuses = await Promise.all(Array.from({ length: 24 }, () => chat(caddyUrl)));
  expect(statuses.every((status) => status === 200)).toBe(true);
  const after = await Promise.all(instances.map(requestsServed));
  const served = after.map((count, i) => count - before[i]);
  expect(served.reduce((sum, count) => sum + count, 0)).toBe(24);
  expect(served.every((count) => count > 0), `requests per instance: ${served.join(', ')}`).toBe(true);
});

test('security headers are on every answer through Caddy', async () => {
  for (const pathname of ['/login', '/api/health', '/v1/models']) {
    const response = await fetch(`${caddyUrl}${pathname}`);
    expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
    expect(response.headers.get('x-frame-options'), pathname).toBe('DENY');
    expect(response.headers.get('referrer-policy'), pathname).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('strict-transport-security'), pathname).toContain('max-age=');
    expect(response.headers.get('server'), pathname).toBeNull();
  }
});

test('the engine contract answers the instance directly, and never through Caddy in any spelling', async () => {
  const body = JSON.stringify({ token: userToken, model: 'caddy-model' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${ENGINE_SECRET}` };
  // The attack is worth refusing: straight to an instance from loopback, the contract hands out the provider key.
  const direct = await sendRaw(instances[0].port, rawRequestText(instances[0].port, 'POST', '/v1/route/resolve', headers, body));
  expect(direct.status).toBe(200);
  expect(direct.text).toContain(PROVIDER_KEY);

  const spellings = [
    '/v1/route/resolve',
    '/v1/route%2Fresolve',
    '/v1/route%2fresolve',
    '/v1/%72oute/resolve',
    '/v1/%2e%2e/v1/route/resolve',
    '/v1/./route/resolve',
    '/v1/x/../route/resolve',
    '//v1/route/resolve',
    '/v1//route/resolve',
    '/v1/route//resolve',
    '/v1/route/resolve/',
    '/V1/ROUTE/RESOLVE',
    '/v1/telemetry/usage',
    '/v1/telemetry%2Fusage',
    '//v1//telemetry/usage',
  ];
  for (const target of spellings) {
    const answer = await sendRaw(caddyPort, rawRequestText(caddyPort, 'POST', target, headers, body));
    expect(answer.status, `${target} answered ${answer.status}`).toBeGreaterThanOrEqual(400);
    expect(answer.text, target).not.toContain(PROVIDER_KEY);
  }
});

test('/api/metrics is not public through Caddy in any spelling', async () => {
  const direct = await sendRaw(instances[0].port, rawRequestText(instances[0].port, 'GET', '/api/metrics'));
  expect(direct.status).toBe(200);
  for (const target of ['/api/metrics', '/api/metrics/', '/api//metrics', '//api/metrics', '/api/%6detrics', '/api/./metrics', '/API/METRICS', '/api/metrics?x=1']) {
    const answer = await sendRaw(caddyPort, rawRequestText(caddyPort, 'GET', target));
    expect(answer.text, target).not.toContain('axongate_requests_total');
    expect(answer.status, `${target} answered ${answer.status}`).toBeGreaterThanOrEqual(400);
  }
});

test('stopping one instance keeps every request through Caddy succeeding, during its shutdown and after', async () => {
  test.setTimeout(60_000);
  const [stopped, remaining] = instances;
  let exited = false;
  stopped.child.once('exit', () => (exited = true));
  const servedBefore = await requestsServed(remaining);
  stopped.child.kill('SIGTERM');
  const statuses: number[] = [];
  while (!exited) statuses.push(...(await Promise.all([chat(caddyUrl), chat(caddyUrl)])));
  for (let i = 0; i < 10; i++) statuses.push(await chat(caddyUrl));
  expect(statuses.filter((status) => status !== 200), `${statuses.length} requests`).toEqual([]);
  expect((await requestsServed(remaining)) - servedBefore).toBeGreaterThanOrEqual(10);
});

test('a forged X-Forwarded-For does not reach the app as the client address: failed logins are still counted', async () => {
  // One instance is left, so one limiter counts; with one failure allowed per username it allows five per address.
  // Each attempt claims to come from another address, under another username: only the real address ties them.
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const response = await fetch(`${caddyUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 10}`, 'x-real-ip': `203.0.113.${i + 10}` },
      body: JSON.stringify({ username: `nobody-${i}`, password: 'wrong-password-123' }),
    });
    statuses.push(response.status);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
});

async function startCaddy(upstreams: string[]): Promise<ChildProcess> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'axongate-caddy-'));
  const child = spawn('caddy', ['run', '--config', path.resolve('Caddyfile'), '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      // An http:// address makes Caddy serve plain HTTP on that port, with no certificate to obtain.
      DOMAIN: `http://127.0.0.1:${caddyPort}`,
      AXONGATE_UPSTREAMS: upstreams.join(' '),
      CADDY_ADMIN: `127.0.0.1:${await findFreePort()}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`caddy exited with ${child.exitCode}:\n${log}`);
    const status = await fetch(`http://127.0.0.1:${caddyPort}/api/health`).then((response) => response.status, () => 0);
    if (status === 200) return child;
    if (Date.now() > deadline) throw new Error(`caddy did not answer within 30 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function chat(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken}` },
    body: JSON.stringify({ model: 'caddy-model', messages: [{ role: 'user', content: 'hello' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Model requests one instance has answered, from its own metrics (scraped over loopback, where they are open). */
async function requestsServed(instance: SecondServer): Promise<number> {
  const text = await (await fetch(`${instance.url}/api/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('axongate_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
