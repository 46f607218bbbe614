import { describe, expect, it } from 'vitest';
import { BodyError, readJsonBody } from './json-body';

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request('http://gateway/v1/chat/completions', { method: 'POST', body, headers });
}

describe('readJsonBody', () => {
  it('parses a JSON object', async () => {
    const parsed = await readJsonBody(post('{"model":"m","messages":[]}'), 1024);
    expect(parsed.json).toEqual({ model: 'm', messages: [] });
  });

  it('answers 413 past the limit, from content-length or from the bytes read', async () => {
    const big = JSON.stringify({ model: 'm', pad: 'x'.repeat(2000) });
    await expect(readJsonBody(post(big), 1024)).rejects.toMatchObject({ problem: { status: 413 } });
    const chunked = new Request('http://gateway/v1/messages', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await expect(readJsonBody(chunked, 1024)).rejects.toMatchObject({ problem: { status: 413 } });
  });

  it('answers 400 naming the problem for malformed JSON, a non-object and an empty body', async () => {
    const malformed = await readJsonBody(post('{"model": "m",'), 1024).then(
      () => undefined,
      (error: BodyError) => error.problem,
    );
    expect(malformed).toMatchObject({ status: 400 });
    expect(malformed?.message).toMatch(/^Request body is not valid JSON: /);
    await expect(readJsonBody(post('[1,2]'), 1024)).rejects.toMatchObject({ problem: { status: 400, message: 'Request body must be a JSON object' } });
    await expect(readJsonBody(post(''), 1024)).rejects.toMatchObject({ problem: { status: 400 } });
  });

  it('answers 400 for a body nested deeper than 128 levels, which the converters could not walk', async () => {
    const nested = (levels: number) => `{"model":"m","tools":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    await expect(readJsonBody(post(nested(127)), 1_000_000)).resolves.toMatchObject({ json: { model: 'm' } });
    await expect(readJsonBody(post(nested(10_000)), 1_000_000)).rejects.toMatchObject({
      problem: { status: 400, message: 'Request body nests deeper than 128 levels' },
    });
  });
});
