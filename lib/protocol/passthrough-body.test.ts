import { describe, expect, it } from 'vitest';
import { inspectPassthroughBody } from './passthrough-body';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('inspectPassthroughBody', () => {
  it('reads the usage of a small body of each shape', () => {
    expect(inspectPassthroughBody(bytes('{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3}}'), 'openai')).toEqual({
      ok: true,
      usage: { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheCreationTokens: 0 },
    });
    expect(inspectPassthroughBody(bytes('{"content":[],"usage":{"input_tokens":4,"output_tokens":2,"cache_read_input_tokens":1}}'), 'anthropic')).toMatchObject({
      usage: { inputTokens: 4, outputTokens: 2, cacheReadTokens: 1 },
    });
    expect(inspectPassthroughBody(bytes('{"count":1}'), 'none')).toEqual({ ok: true, usage: null });
  });

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['garbage', '\u0000\u0001binary'],
    ['a JSON array', '[1,2]'],
    ['truncated JSON', '{"choices":[{"message":'],
  ])('refuses %s behind a 200', (_, text) => {
    expect(inspectPassthroughBody(bytes(text), 'openai')).toEqual({ ok: false, problem: 'response is not a JSON object' });
  });

  it('checks a large body by its ends and reads usage from its tail, even with "usage" inside the content', () => {
    const content = `say "usage": {"prompt_tokens": 999} ${'x'.repeat(2 * 1024 * 1024)}`;
    const body = `{"choices":[{"message":{"content":${JSON.stringify(content)}}}],"usage":{"prompt_tokens":7,"completion_tokens":5}}\n`;
    expect(inspectPassthroughBody(bytes(body), 'openai')).toEqual({
      ok: true,
      usage: { inputTokens: 7, outputTokens: 5, cacheReadTokens: 0, cacheCreationTokens: 0 },
    });
    expect(inspectPassthroughBody(bytes(`<html>${'x'.repeat(2 * 1024 * 1024)}</html>`), 'openai').ok).toBe(false);
  });
});
