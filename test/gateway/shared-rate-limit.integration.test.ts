// rpm_limit shared through the real Redis at 127.0.0.1:6379: limiters of two instances share one budget, and a
// Redis that refuses or hangs neither fails nor slows a request (the in-process limiter counts instead).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedisClient, type RedisClient } from '../../lib/cache/redis';
import { SharedRateLimiter } from '../../lib/gateway/access/shared-rate-limiter';
import { processLogger } from '../../lib/log';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type TokenFixture } from './fixtures';
import { spawnGatewayProcess } from './spawn-gateway-process';
import { testGateway, useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const REDIS_URL = 'redis://127.0.0.1:6379';
// Unique per run, so that parallel runs on one Redis (and their equal token ids) never meet.
const KEY_PREFIX = `axongate-test-${randomBytes(6).toString('hex')}:`;
// The gateway's keys are `${KEY_PREFIX}rpm:<token id>`; the limiters below count under their own prefix.
const LIMITER_PREFIX = `${KEY_PREFIX}limiter:`;

let admin: RedisClient;
/** The clients a test opens, dropped after it (a client of a dead Redis keeps trying to reconnect). */
const testClients: RedisClient[] = [];

function testClient(url: string): RedisClient {
  const client = openRedisClient(url);
  testClients.push(client);
  return client;
}

async function readyClient(url = REDIS_URL): Promise<RedisClient> {
  const client = testClient(url);
  await whenReady(client);
  return client;
}

async function whenReady(client: RedisClient): Promise<void> {
  await vi.waitFor(() => expect(client.isReady).toBe(true), { timeout: 5000, interval: 10 });
}

beforeAll(async () => {
  admin = openRedisClient(REDIS_URL);
  await whenReady(admin);
});

afterAll(async () => {
  for await (const keys of admin.scanIterator({ MATCH: `${KEY_PREFIX}*` })) {
    if (keys.length > 0) await admin.del(keys);
  }
  admin.destroy();
});

afterEach(() => {
  for (const client of testClients.splice(0)) client.destroy();
  vi.restoreAllMocks();
});

describe('SharedRateLimiter on Redis', () => {
  it('two instances share one budget per token', async () => {
    const first = new SharedRateLimiter({ client: await readyClient(), keyPrefix: LIMITER_PREFIX });
    const second = new SharedRateLimiter({ client: await readyClient(), keyPrefix: LIMITER_PREFIX });
    expect(await first.take('1', 3)).toEqual({ allowed: true });
    expect(await second.take('1', 3)).toEqual({ allowed: true });
    expect(await first.take('1', 3)).toEqual({ allowed: true });
    expect(await second.take('1', 3)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await first.take('1', 3)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await second.take('2', 3)).toEqual({ allowed: true });
  });

  it('a refused request does not use up the window, and the key expires with it', async () => {
    const limiter = new SharedRateLimiter({ client: admin, keyPrefix: LIMITER_PREFIX, windowMs: 1000 });
    const started = Date.now();
    expect(await limiter.take('3', 1)).toEqual({ allowed: true });
    await sleep(500);
    for (let i = 0; i < 3; i++) expect(await limiter.take('3', 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await admin.zCard(`${LIMITER_PREFIX}3`)).toBe(1);
    const ttl = await admin.pTTL(`${LIMITER_PREFIX}3`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);

    // Had the refusals at +500 ms been counted, the window would stay full until +1500 ms.
    await sleep(started + 1150 - Date.now());
    expect(await limiter.take('3', 1)).toEqual({ allowed: true });
  });

  it('Retry-After is the time until the oldest counted request leaves the window', async () => {
    const limiter = new SharedRateLimiter({ client: admin, keyPrefix: LIMITER_PREFIX, windowMs: 2000 });
    expect(await limiter.take('4', 2)).toEqual({ allowed: true });
    await sleep(1200);
    expect(await limiter.take('4', 2)).toEqual({ allowed: true });
    // About 800 ms are left for the oldest; counted from the newest it would be 2 s.
    expect(await limiter.take('4', 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('loads the script again when Redis has lost it', async () => {
    const limiter = new SharedRateLimiter({ client: admin, keyPrefix: LIMITER_PREFIX });
    await admin.scriptFlush();
    expect(await limiter.take('5', 1)).toEqual({ allowed: true });
    expect(await limiter.take('5', 1)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});

describe('SharedRateLimiter without a working Redis', () => {
  it('a Redis that refuses connections: limits in process at once, warns once without the password', async () => {
    const warn = vi.spyOn(processLogger, 'warn').mockImplementation(() => {});
    const port = await closedPort();
    const limiter = new SharedRateLimiter({ client: testClient(`redis://:not-this-secret@127.0.0.1:${port}`), keyPrefix: LIMITER_PREFIX });

    const started = performance.now();
    expect(await limiter.take('6', 2)).toEqual({ allowed: true });
    expect(await limiter.take('6', 2)).toEqual({ allowed: true });
    expect(await limiter.take('6', 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(performance.now() - started).toBeLessThan(2000);

    // Several reconnect attempts fail meanwhile; one warning stands for all of them.
    await sleep(500);
    expect(await limiter.take('6', 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/Redis unavailable \(.*ECONNREFUSED/);
    expect(String(warn.mock.calls[0][0])).not.toContain('not-this-secret');
  });

  it('a Redis that stops answering: one request waits for the command timeout, the next ones do not ask it', async () => {
    vi.spyOn(processLogger, 'warn').mockImplementation(() => {});
    const proxy = await startFreezableProxy(6379);
    try {
      const limiter = new SharedRateLimiter({ client: await readyClient(proxy.url), keyPrefix: LIMITER_PREFIX });
      expect(await limiter.take('7', 2)).toEqual({ allowed: true });
      proxy.freeze();

      const started = performance.now();
      expect(await limiter.take('7', 2)).toEqual({ allowed: true });
      expect(await limiter.take('7', 2)).toEqual({ allowed: true });
      expect(await limiter.take('7', 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(proxy.commandsWhileFrozen()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('the gateway with REDIS_URL', () => {
  const bed = setUpGatewayTestbed();
  let model: string;
  let gatewayRedis: RedisClient;
  const savedEnv = { REDIS_URL: process.env.REDIS_URL, AXONGATE_REDIS_KEY_PREFIX: process.env.AXONGATE_REDIS_KEY_PREFIX };
  const gatewayKey = (tokenId: number) => `${KEY_PREFIX}rpm:${tokenId}`;

  beforeAll(async () => {
    model = uniqueName('redis-rpm');
    const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
    await createModel({ name: model, providerId: provider.id });
    // The second gateway process reads them; the gateway here gets its Redis client handed in.
    process.env.REDIS_URL = REDIS_URL;
    process.env.AXONGATE_REDIS_KEY_PREFIX = KEY_PREFIX;
    gatewayRedis = openRedisClient(REDIS_URL);
    await whenReady(gatewayRedis);
    useFreshTestGateway({ redis: gatewayRedis, redisKeyPrefix: KEY_PREFIX });
  });

  afterAll(async () => {
    gatewayRedis.destroy();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const chatBody = () => ({ model, messages: [{ role: 'user', content: 'hi' }] });

  async function callHere(token: TokenFixture): Promise<Response> {
    return testGateway().handleChatCompletions(jsonRequest('/v1/chat/completions', chatBody(), { authorization: `Bearer ${token.plaintext}` }));
  }

  it('a token with rpm_limit 2 gets 429 with Retry-After on the third call, counted in Redis', async () => {
    const token = await createUserToken({ rpmLimit: 2 });
    for (let i = 0; i < 2; i++) {
      const response = await callHere(token);
      expect(response.status).toBe(200);
      await response.text();
    }
    const limited = await callHere(token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).error.type).toBe('rate_limit_exceeded');
    expect(await admin.zCard(gatewayKey(token.id))).toBe(2);
  });

  it('a second gateway process on the same Redis draws on the same budget', async () => {
    const { child, url } = await spawnGatewayProcess();
    const callChild = async (token: TokenFixture) => {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
        body: JSON.stringify(chatBody()),
      });
      await response.arrayBuffer();
      return response.status;
    };
    try {
      // A process connects to Redis on its first rate-limited request and counts alone until connected.
      const warmUp = await createUserToken({ rpmLimit: 1000 });
      await vi.waitFor(async () => {
        expect(await callChild(warmUp)).toBe(200);
        expect(await admin.zCard(gatewayKey(warmUp.id))).toBeGreaterThan(0);
      });

      const token = await createUserToken({ rpmLimit: 2 });
      expect(await callChild(token)).toBe(200);
      expect((await callHere(token)).status).toBe(200);
      expect(await callChild(token)).toBe(429);
      expect((await callHere(token)).status).toBe(429);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP proxy to Redis that, once frozen, still takes commands but passes no answer back: a hanging Redis. */
async function startFreezableProxy(redisPort: number) {
  let frozen = false;
  let frozenTraffic = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(redisPort, '127.0.0.1');
    sockets.add(downstream).add(upstream);
    downstream.on('data', (chunk) => {
      if (frozen) frozenTraffic += chunk.toString('latin1');
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) downstream.write(chunk);
    });
    downstream.on('error', () => upstream.destroy());
    upstream.on('error', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => (frozen = true),
    /** EVALSHA (or EVAL) commands sent since the freeze. */
    commandsWhileFrozen: () => frozenTraffic.match(/\r\nEVAL(SHA)?\r\n/gi)?.length ?? 0,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
