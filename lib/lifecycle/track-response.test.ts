import { afterEach, describe, expect, it } from 'vitest';
import { inFlightRequests, resetInFlightForTests } from './in-flight';
import { trackInFlight } from './track-response';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('trackInFlight', () => {
  afterEach(resetInFlightForTests);

  it('keeps a streamed answer in flight until its body is read to the end', async () => {
    const response = await trackInFlight(async () => new Response(streamOf(['a', 'b']), { status: 201, headers: { 'x-id': '1' } }));
    expect(inFlightRequests()).toBe(1);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-id')).toBe('1');
    expect(await response.text()).toBe('ab');
    expect(inFlightRequests()).toBe(0);
  });

  it('ends the request when the client cancels the stream', async () => {
    const response = await trackInFlight(async () => new Response(streamOf(['a', 'b'])));
    await response.body?.cancel();
    expect(inFlightRequests()).toBe(0);
  });

  it('ends at once for a response without a body or a handler that throws', async () => {
    await trackInFlight(async () => new Response(null, { status: 204 }));
    await expect(trackInFlight(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(inFlightRequests()).toBe(0);
  });
});
