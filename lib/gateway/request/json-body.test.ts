import { describe, expect, it } from 'vitest';
import { BodyError, findTopLevelValues, readJsonBody, spliceTopLevel } from './json-body';

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
});

describe('spliceTopLevel', () => {
  const body = '{ "messages": [{"role":"user","content":"say \\"model\\": {x}"}],\n  "model" : "alias", "temperature": 1.0, "n":1 }';

  it('finds top-level values, not look-alikes inside strings or nested objects', () => {
    const ranges = findTopLevelValues(body);
    expect([...ranges.keys()]).toEqual(['messages', 'model', 'temperature', 'n']);
    const model = ranges.get('model')!;
    expect(body.slice(model.start, model.end)).toBe('"alias"');
    const temperature = ranges.get('temperature')!;
    expect(body.slice(temperature.start, temperature.end)).toBe('1.0');
  });

  it('replaces model and leaves every other byte alone', () => {
    const result = spliceTopLevel(body, { model: JSON.stringify('gpt-4o-2024') });
    expect(result).toBe(body.replace('"alias"', '"gpt-4o-2024"'));
    expect(JSON.parse(result).messages[0].content).toBe('say "model": {x}');
  });

  it('inserts an absent member and replaces a present one in one pass', () => {
    const result = spliceTopLevel('{"model":"a","stream":true}', {
      model: '"b"',
      stream_options: '{"include_usage":true}',
    });
    expect(JSON.parse(result)).toEqual({ model: 'b', stream: true, stream_options: { include_usage: true } });
    expect(spliceTopLevel('{}', { model: '"b"' })).toBe('{"model":"b"}');
  });

  it('handles escaped keys and backslashes before quotes', () => {
    const text = '{"a\\\\":"x\\\\","model":"m"}';
    const result = spliceTopLevel(text, { model: '"n"' });
    expect(JSON.parse(result)).toEqual({ 'a\\': 'x\\', model: 'n' });
  });
});
