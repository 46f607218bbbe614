// SIGTERM to a gateway process: running streams finish, new requests are turned away with 503 in the client's
// shape, and the queued usage rows are written before the process exits.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { spawnGatewayProcess, type GatewayProcess } from './spawn-gateway-process';

let stub: UpstreamStub;
let child: ChildProcess;
let childUrl: string;
let nextChildLogEntry: GatewayProcess['nextLogEntry'];

beforeAll(async () => {
  stub = await startUpstreamStub();
  // A flush interval longer than the test: only the shutdown flush can have written the usage row.
  ({ child, url: childUrl, nextLogEntry: nextChildLogEntry } = await spawnGatewayProcess({ AXONGATE_USAGE_FLUSH_MS: '600000', AXONGATE_SHUTDOWN_GRACE_MS: '10000' }));
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await stub.close();
});

function chat(model: string, token: string, stream: boolean) {
  return fetch(`${childUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('graceful shutdown', () => {
  it('finishes the running stream, refuses new requests and flushes usage before exiting', async () => {
    const model = uniqueName('drain');
    const provider = await createProvider({ type: 'openai', apiUrl: stub.url });
    await createModel({ name: model, providerId: provider.id });
    const token = await createUserToken();
    stub.enqueue({
      kind: 'completion',
      parts: [{ type: 'text', text: ['one ', 'two ', 'three ', 'four ', 'five'] }],
      delivery: { chunkDelayMs: 150 },
    });

    const streaming = await chat(model, token.plaintext, true);
    expect(streaming.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const draining = nextChildLogEntry('shutting down');
    child.kill('SIGTERM');

    // Once the process says it is shutting down, every new request is refused.
    await draining;
    const refused = await chat(model, token.plaintext, false);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('shutting down') } });
    expect(refused.headers.get('retry-after')).toBe('1');

    const text = await streaming.text();
    expect(text).toContain('five');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await exited).toBe(143);

    // The refused request was turned away before authentication, so it leaves no row of its own.
    const rows = await db.usage.findMany({ where: { userTokenId: token.id } });
    expect(rows.map((row) => ({ stream: row.stream, status: row.status, httpStatus: row.httpStatus }))).toEqual([
      { stream: true, status: 'ok', httpStatus: 200 },
    ]);
  });

  it('at the deadline ends every running stream with an error in its protocol, writes their rows and exits soon after', async () => {
    const model = uniqueName('deadline');
    const provider = await createProvider({ type: 'openai', apiUrl: stub.url });
    await createModel({ name: model, providerId: provider.id });
    const token = await createUserToken();
    const slow = { kind: 'completion' as const, parts: [{ type: 'text' as const, text: Array.from({ length: 40 }, (_, i) => `word${i} `) }], delivery: { chunkDelayMs: 250 } };
    const deadlined = await spawnGatewayProcess({ AXONGATE_USAGE_FLUSH_MS: '600000', AXONGATE_SHUTDOWN_GRACE_MS: '1000' });
    const streams = 20;
    try {
      for (let i = 0; i < streams; i++) stub.enqueue(slow);
      const responses = await Promise.all(
        Array.from({ length: streams }, () =>
          fetch(`${deadlined.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
            body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(streams).fill(200));
      const exited = new Promise<number | null>((resolve) => deadlined.child.once('exit', (code) => resolve(code)));
      const signalledAt = Date.now();
      deadlined.child.kill('SIGTERM');

      const texts = await Promise.all(responses.map((response) => response.text()));
      expect(await exited).toBe(143);
      // The 10 s streams were cut at the 1 s deadline; the process was gone within a couple of seconds after it.
      expect(Date.now() - signalledAt).toBeLessThan(1000 + 3000);
      for (const text of texts) {
        expect(text).toContain('word0');
        expect(text).not.toContain('word39');
        expect(text.trimEnd()).toMatch(/data: \{"error":\{"message":"The gateway is shutting down; the answer was cut short"/);
      }
      const rows = await db.usage.findMany({ where: { userTokenId: token.id } });
      expect(rows).toHaveLength(streams);
      for (const row of rows) expect(row).toMatchObject({ status: 'error', errorType: 'shutting_down', stream: true });
      expect(rows.every((row) => row.outputTokens > 0)).toBe(true);
    } finally {
      if (deadlined.child.exitCode === null) deadlined.child.kill('SIGKILL');
    }
  }, 30_000);
});
