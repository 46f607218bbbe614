import { describe, expect, it } from 'vitest';
import { hashShort, sanitizeToolCallId, shortenToolName } from './ids';
import { parseToolArguments, repairJson } from './json';

describe('repairJson', () => {
  it.each([
    ['{"city":"Par', { city: 'Par' }],
    ['{"a":[1,2', { a: [1, 2] }],
    ['{"a":1,', { a: 1 }],
    ['{"a":', { a: null }],
    ['{"a":"x\\', { a: 'x' }],
    ['{"nested":{"b":"}"', { nested: { b: '}' } }],
  ])('completes %s', (text, expected) => {
    expect(repairJson(text)).toEqual(expected);
  });

  it('gives up on text that is not JSON', () => {
    expect(repairJson('not json')).toBeUndefined();
  });
});

describe('parseToolArguments', () => {
  const wrap = (text: string) => ({ raw: text });

  it('parses objects, treats "" as {}, and reports what it had to fix', () => {
    expect(parseToolArguments('{"a":1}', wrap)).toEqual({ input: { a: 1 } });
    expect(parseToolArguments('  ', wrap)).toEqual({ input: {} });
    expect(parseToolArguments('{"a":', wrap).problem).toMatch(/repaired/);
    expect(parseToolArguments('42', wrap)).toEqual({ input: { raw: '42' }, problem: 'tool arguments are not a JSON object' });
    expect(parseToolArguments('oops', wrap)).toEqual({ input: { raw: 'oops' }, problem: 'tool arguments are invalid JSON' });
  });
});

describe('ids', () => {
  it('keeps valid tool-call ids and maps invalid ones deterministically to valid, distinct ids', () => {
    expect(sanitizeToolCallId('toolu_01A-b')).toBe('toolu_01A-b');
    const ids = ['functions.Bash:0', 'functions.Bash:1', 'functions:Bash.0', 'call 1'];
    const sanitized = ids.map(sanitizeToolCallId);
    for (const id of sanitized) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(new Set(sanitized).size).toBe(ids.length);
    expect(ids.map(sanitizeToolCallId)).toEqual(sanitized);
  });

  it('shortens names over 64 characters to a 55-character prefix, "_" and an 8-character hash', () => {
    const name = 'n'.repeat(80);
    expect(shortenToolName(name)).toBe(`${'n'.repeat(55)}_${hashShort(name)}`);
    expect(shortenToolName('short')).toBe('short');
  });
});
