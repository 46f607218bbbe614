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
let nextChildLine: GatewayProcess['nextLine'];

beforeAll(async () => {
  stub = await startUpstreamStub();
  // A flush interval longer than the test: only the shutdown flush can have written the usage row.
  ({ child, url: childUrl, nextLine: nextChildLine } = await spawnGatewayProcess({ AXONGATE_USAGE_FLUSH_MS: '600000', AXONGATE_SHUTDOWN_GRACE_MS: '10000' }));
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
    const draining = nextChildLine('[axongate] shutting down');
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
});
