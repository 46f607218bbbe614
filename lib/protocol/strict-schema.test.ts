import { describe, expect, it } from 'vitest';
import { restoreOptional, toStrictSchema } from './strict-schema';

const schema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    reason: { type: 'string' },
    tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'number' } }, required: ['name'] } },
    mode: { enum: ['a', 'b'] },
  },
  required: ['ok'],
};

describe('toStrictSchema', () => {
  it('requires every property, makes the optional ones nullable and closes every object', () => {
    expect(toStrictSchema(schema)).toEqual({
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        reason: { type: ['string', 'null'] },
        tags: {
          type: ['array', 'null'],
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, weight: { type: ['number', 'null'] } },
            required: ['name', 'weight'],
            additionalProperties: false,
          },
        },
        mode: { anyOf: [{ enum: ['a', 'b'] }, { type: 'null' }] },
      },
      required: ['ok', 'reason', 'tags', 'mode'],
      additionalProperties: false,
    });
  });

  it('keeps a property that already allows null as it is, and turns oneOf into anyOf', () => {
    const strict = toStrictSchema({ type: 'object', properties: { a: { type: ['string', 'null'] }, b: { oneOf: [{ type: 'string' }, { type: 'number' }] } }, required: ['b'] });
    expect(strict).toMatchObject({ properties: { a: { type: ['string', 'null'] }, b: { anyOf: [{ type: 'string' }, { type: 'number' }] } }, required: ['a', 'b'] });
  });

  it('cannot make a schema strict when an object allows additional properties', () => {
    expect(toStrictSchema({ type: 'object', properties: {}, additionalProperties: true })).toBeNull();
    expect(toStrictSchema({ type: 'object', additionalProperties: { type: 'string' } })).toBeNull();
  });

  it('makes $defs strict too', () => {
    const strict = toStrictSchema({ type: 'object', properties: { item: { $ref: '#/$defs/item' } }, required: ['item'], $defs: { item: { type: 'object', properties: { x: { type: 'string' } } } } });
    expect(strict).toMatchObject({ $defs: { item: { properties: { x: { type: ['string', 'null'] } }, required: ['x'], additionalProperties: false } } });
  });
});

describe('restoreOptional', () => {
  it('removes the nulls a strict answer put where the client\'s schema left a property out', () => {
    const answer = { ok: true, reason: null, tags: [{ name: 'x', weight: null }], mode: null };
    expect(restoreOptional(answer, schema)).toEqual({ ok: true, tags: [{ name: 'x' }] });
  });

  it('keeps nulls where the client\'s schema allows them, and values that were given', () => {
    const own = { type: 'object', properties: { a: { type: ['string', 'null'] }, b: { type: 'string' } } };
    expect(restoreOptional({ a: null, b: 'y' }, own)).toEqual({ a: null, b: 'y' });
  });

  it('follows $ref into $defs', () => {
    const own = { type: 'object', properties: { item: { $ref: '#/$defs/item' } }, required: ['item'], $defs: { item: { type: 'object', properties: { x: { type: 'string' } } } } };
    expect(restoreOptional({ item: { x: null } }, own)).toEqual({ item: {} });
  });
});
