// Fuzzing the bodies of /v1 and /api/v1 on the production server: valid requests with fields swapped for wrong
// types, text cut short, deep nesting, huge strings, NUL and lone surrogates, and plain noise. Whatever arrives,
// the answer is never a 5xx, always the caller's error shape, memory stays bounded, and a normal request still
// works afterwards. A seeded generator makes a failure reproducible: the message names the case.
import { randomBytes, randomInt } from 'node:crypto';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { adminBearer } from './support/ui';

const PROVIDER_KEY = 'sk-fuzz-stub-key';
const tag = randomBytes(3).toString('hex');
const openaiModel = `fuzz-openai-${tag}`;
const anthropicModel = `fuzz-anthropic-${tag}`;
const CASES_PER_TARGET = 150;

let stub: UpstreamStub;
let token: string;
let admin: Record<string, string>;

/** mulberry32: small, seeded, good enough to pick mutations. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { int, pick };
}

type Random = ReturnType<typeof generator>;

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** JSON text of a value of some type, often a hostile one. */
function oddValue(random: Random): string {
  return random.pick([
    () => 'null',
    () => 'true',
    () => '-1',
    () => '1e308',
    () => '0.5',
    () => '""',
    () => '"\\u0000"',
    () => '"\\ud800"',
    () => '"x\\udfffy"',
    () => JSON.stringify('x'.repeat(random.pick([300, 70_000, 1_000_000]))),
    () => '[]',
    () => '{}',
    () => '[{"type":"text"}]',
    () => '{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:,"}}]}',
    () => nested(random.pick([50, 200, 10_000])),
    () => `{"type":"object","properties":{"a":${nested(random.pick([5, 300]))}}}`,
  ])();
}

const OPENAI_BASE = { model: openaiModel, messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 };
const ANTHROPIC_BASE = { model: anthropicModel, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };
const RESPONSES_BASE = { model: openaiModel, input: 'hi', max_output_tokens: 16 };

const FIELDS = ['model', 'messages', 'max_tokens', 'stream', 'tools', 'tool_choice', 'system', 'temperature', 'input', 'response_format', 'thinking', 'name', 'password', 'role', 'api_url', 'extra_headers', 'model_type'];

/** One body: the base with a field replaced, added or removed; the base cut short; or noise. */
function mutate(base: Record<string, unknown>, random: Random): string {
  const text = JSON.stringify(base);
  switch (random.int(6)) {
    case 0:
      return text.slice(0, random.int(text.length));
    case 1:
      return random.pick(['', ' ', 'null', '[]', '"text"', '{', '}', '\u0000', randomBytes(64).toString('latin1'), nested(20_000)]);
    case 2: {
      const keys = Object.keys(base);
      return text.replace(`"${random.pick(keys)}":`, `"${random.pick(keys)}":${oddValue(random)},"_":`);
    }
    default: {
      const field = random.pick(FIELDS);
      const members = Object.entries(base)
        .filter(([key]) => key !== field)
        .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
      if (random.int(4) > 0) members.push(`${JSON.stringify(field)}:${oddValue(random)}`);
      return `{${members.join(',')}}`;
    }
  }
}

type Target = { path: string; base: Record<string, unknown> | (() => Record<string, unknown>); headers: () => Record<string, string>; shape: 'openai' | 'anthropic' | 'envelope' };

const TARGETS: Target[] = [
  { path: '/v1/chat/completions', base: OPENAI_BASE, headers: () => ({ authorization: `Bearer ${token}` }), shape: 'openai' },
  { path: '/v1/chat/completions', base: { ...OPENAI_BASE, model: anthropicModel }, headers: () => ({ authorization: `Bearer ${token}` }), shape: 'openai' },
  { path: '/v1/messages', base: ANTHROPIC_BASE, headers: () => ({ 'x-api-key': token }), shape: 'anthropic' },
  { path: '/v1/messages', base: { ...ANTHROPIC_BASE, model: openaiModel }, headers: () => ({ 'x-api-key': token }), shape: 'anthropic' },
  { path: '/v1/messages/count_tokens', base: ANTHROPIC_BASE, headers: () => ({ 'x-api-key': token }), shape: 'anthropic' },
  { path: '/v1/responses', base: RESPONSES_BASE, headers: () => ({ authorization: `Bearer ${token}` }), shape: 'openai' },
  // Each failed login is for an account and from an address of its own (loopback is a trusted proxy): the fuzzing
  // must neither use up the login limits of 127.0.0.1, which the tests after this one sign in from, nor wait out
  // the slowdown one account gets after many failures.
  { path: '/api/v1/auth/login', base: () => ({ username: `fuzz-${randomBytes(4).toString('hex')}`, password: 'not-the-password' }), headers: () => ({ 'x-forwarded-for': `203.0.113.${randomInt(1, 255)}` }), shape: 'envelope' },
  { path: '/api/v1/providers', base: { name: `fuzz-${tag}`, model_type: 'openai', api_url: 'http://127.0.0.1:9/' }, headers: () => admin, shape: 'envelope' },
  { path: '/api/v1/users', base: { username: `fuzz-${tag}`, password: 'Fuzz-Password-1234', role: 'user' }, headers: () => admin, shape: 'envelope' },
  { path: '/api/v1/user-tokens', base: { name: 'fuzz', allowed_models: [openaiModel], rpm_limit: 5 }, headers: () => admin, shape: 'envelope' },
];

function expectShape(shape: Target['shape'], status: number, body: unknown, label: string) {
  if (status < 400) return;
  if (shape === 'envelope') expect(body, label).toMatchObject({ code: status, message: expect.any(String) });
  else if (shape === 'anthropic') expect(body, label).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
  else expect(body, label).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
}

async function residentBytes(baseUrl: string): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/api/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1]);
}

test.beforeAll(async ({ request }) => {
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY });
  admin = await adminBearer(request);
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: admin })).json()).data;
  for (const [type, model] of [['openai', openaiModel], ['anthropic', anthropicModel]] as const) {
    const provider = await create('/api/v1/providers', { name: `Fuzz ${type} ${tag}`, model_type: type, api_url: stub.url });
    await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
    await create('/api/v1/ai-models', { name: model, provider_id: provider.id });
  }
  token = (await create('/api/v1/user-tokens', { name: 'fuzz' })).token;
});

test.afterAll(() => stub?.close());

test('fuzzed bodies on /v1 and /api/v1: never a 5xx, always the caller’s error shape, memory bounded, still serving', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const before = await residentBytes(baseURL!);
  let peak = before;
  const statuses = new Map<number, number>();
  for (const [index, target] of TARGETS.entries()) {
    const random = generator(1000 + index);
    for (let n = 0; n < CASES_PER_TARGET; n++) {
      const body = mutate(typeof target.base === 'function' ? target.base() : target.base, random);
      const label = `${target.path} case ${n} (seed ${1000 + index}): ${body.slice(0, 160)}`;
      const response = await fetch(`${baseURL}${target.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers() },
        body,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, label).toBeLessThan(500);
      const text = await response.text();
      if (response.headers.get('content-type')?.includes('text/event-stream')) continue;
      expectShape(target.shape, response.status, JSON.parse(text), label);
    }
    peak = Math.max(peak, await residentBytes(baseURL!));
  }
  console.log(`fuzz: ${TARGETS.length * CASES_PER_TARGET} bodies, statuses ${JSON.stringify(Object.fromEntries(statuses))}, RSS ${Math.round(before / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MiB`);
  expect(peak - before).toBeLessThan(400 * 2 ** 20);

  const normal = await fetch(`${baseURL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(OPENAI_BASE),
  });
  expect(normal.status).toBe(200);
  expect((await normal.json()).choices[0].message.content).toEqual(expect.any(String));
});
