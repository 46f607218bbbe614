import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { processLogger } from '../log';
import type { UsageRecord } from './usage-record';
import { UsageRecorder } from './usage-recorder';

function row(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    requestId: randomUUID(),
    userId: null,
    userTokenId: null,
    modelName: 'recorder-test',
    modelId: 1,
    providerId: 2,
    providerTokenId: 3,
    providerModelName: 'upstream-model',
    clientProtocol: 'openai',
    upstreamProtocol: 'anthropic',
    stream: true,
    status: 'ok',
    httpStatus: 200,
    errorType: null,
    inputTokens: 10,
    outputTokens: 20,
    cacheReadTokens: 5,
    cacheCreationTokens: 1,
    inputCost: '0.0000330000',
    outputCost: '0.0003',
    totalCost: '0.000333',
    currency: 'USD',
    latencyMs: 120,
    ttftMs: 40,
    attempts: 2,
    conversionNotes: null,
    attemptLog: null,
    createdAt: new Date('2026-03-31T23:59:59.500Z'),
    ...overrides,
  };
}

describe('UsageRecorder', () => {
  it('writes queued rows in one batch on flush, with the UTC day, and stores a repeated request_id once', async () => {
    const recorder = new UsageRecorder({ logger: processLogger, flushMs: 60_000, batchSize: 100 });
    const first = row();
    recorder.record(first);
    recorder.record({ ...first, outputTokens: 999 });
    recorder.record(row({ status: 'error', httpStatus: 502, errorType: 'upstream_failed' }));
    expect(await db.usage.count({ where: { modelName: 'recorder-test' } })).toBe(0);
    await recorder.flush();
    const stored = await db.usage.findMany({ where: { modelName: 'recorder-test' }, orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      requestId: first.requestId,
      outputTokens: 20,
      cacheReadTokens: 5,
      attempts: 2,
      ttftMs: 40,
      upstreamProtocol: 'anthropic',
    });
    expect(stored[0].totalCost.toString()).toBe('0.000333');
    expect(stored[0].day.toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(stored[1]).toMatchObject({ status: 'error', httpStatus: 502, errorType: 'upstream_failed' });
  });

  it('flushes by itself when a batch fills or the interval passes', async () => {
    const recorder = new UsageRecorder({ logger: processLogger, flushMs: 50, batchSize: 2 });
    const rows = [row({ modelName: 'recorder-batch' }), row({ modelName: 'recorder-batch' }), row({ modelName: 'recorder-timer' })];
    for (const item of rows) recorder.record(item);
    await expect.poll(() => db.usage.count({ where: { modelName: { in: ['recorder-batch', 'recorder-timer'] } } }), { timeout: 2000 }).toBe(3);
    expect(recorder.pending).toBe(0);
  });

  it('stores the UTC date of the request whatever the time zone it was written in', async () => {
    const recorder = new UsageRecorder({ logger: processLogger, flushMs: 60_000, batchSize: 100 });
    const early = row({ modelName: 'recorder-day', createdAt: new Date('2026-01-01T00:30:00+02:00') });
    recorder.record(early);
    await recorder.flush();
    const stored = await db.usage.findUniqueOrThrow({ where: { requestId: early.requestId } });
    expect(stored.day.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(stored.createdAt.toISOString()).toBe('2025-12-31T22:30:00.000Z');
  });

  it('drops only the rows PostgreSQL refuses (NUL, an index entry too large) and writes every other row of the batch', async () => {
    const recorder = new UsageRecorder({ logger: processLogger, flushMs: 60_000, batchSize: 100 });
    const good = Array.from({ length: 9 }, () => row({ modelName: 'recorder-split' }));
    const refused = [row({ modelName: 'recorder-split\u0000' }), row({ modelName: `recorder-split-${randomBytes(4_000).toString('hex')}` })];
    for (const item of [good[0], refused[0], ...good.slice(1, 5), refused[1], ...good.slice(5)]) recorder.record(item);
    await recorder.flush();
    const stored = await db.usage.findMany({ where: { requestId: { in: [...good, ...refused].map((item) => item.requestId) } } });
    expect(stored.map((item) => item.requestId).sort()).toEqual(good.map((item) => item.requestId).sort());
    expect(recorder.rejected).toBe(2);
    expect(recorder.pending).toBe(0);
    // The next batch is not held back by the rows before it.
    const later = row({ modelName: 'recorder-split' });
    recorder.record(later);
    await recorder.flush();
    expect(await db.usage.count({ where: { requestId: later.requestId } })).toBe(1);
  });

  it('keeps a refused batch for a retry, unsplit and undropped, while the database cannot be reached', async () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    let attempts = 0;
    const recorder = new UsageRecorder({
      logger: processLogger,
      flushMs: 60_000,
      batchSize: 100,
      insert: async () => {
        attempts += 1;
        throw unreachable;
      },
      probe: async () => {
        throw unreachable;
      },
    });
    for (let i = 0; i < 4; i++) recorder.record(row());
    await recorder.flush();
    expect(attempts).toBe(1);
    expect(recorder.pending).toBe(4);
    expect(recorder.rejected).toBe(0);
  });
});
