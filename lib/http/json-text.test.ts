import { describe, expect, it } from 'vitest';
import { findTopLevelValues, scanJsonObject, spliceTopLevel } from './json-text';

describe('scanJsonObject', () => {
  it('measures nesting, the object itself counting 1, brackets inside strings not at all', () => {
    expect(scanJsonObject('{}').depth).toBe(1);
    expect(scanJsonObject('{"a":1,"b":"[[[{{{"}').depth).toBe(1);
    expect(scanJsonObject('{"a":[{"b":[1]}],"c":{}}').depth).toBe(4);
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(scanJsonObject(deep).depth).toBe(10_001);
  });

  it('names the first repeated top-level key and keeps the last value of it', () => {
    const text = '{"model":"a","x":{"model":"inner"},"model":"b","x":1}';
    const scan = scanJsonObject(text);
    expect(scan.duplicate).toBe('model');
    const range = scan.members.get('model')!;
    expect(text.slice(range.start, range.end)).toBe('"b"');
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
