import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, toStorableJson, toStorableText } from './storable-text';

describe('storable text', () => {
  it('tells NUL and lone surrogates from text PostgreSQL stores', () => {
    expect(isStorableText('alpha')).toBe(true);
    expect(isStorableText('emoji 😀 pair')).toBe(true);
    expect(isStorableText('alpha\u0000')).toBe(false);
    expect(isStorableText('\uD800')).toBe(false);
    expect(isStorableText('x\uDC00y')).toBe(false);
    expect(isStorableText('\uDC00\uD800')).toBe(false);
  });

  it('replaces what cannot be stored and keeps everything else', () => {
    expect(toStorableText('a\u0000b\uD800c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });

  it('names the first field that cannot be stored', () => {
    expect(findUnstorableText({ name: 'ok', extra_headers: { 'x-a': ['fine', 'bad\u0000'] } })).toBe('extra_headers.x-a.1');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('k\uFFFD');
    expect(findUnstorableText({ a: [1, true, null, 'ok'] })).toBeNull();
  });

  it('makes every key and string of a JSON value storable, leaving other values alone', () => {
    expect(toStorableJson({ 'a\u0000': ['x\ud800', 1, null, { b: true }] })).toEqual({ 'a\uFFFD': ['x\uFFFD', 1, null, { b: true }] });
  });
});
