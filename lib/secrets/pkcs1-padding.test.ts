import { describe, expect, it } from 'vitest';
import { LoginFieldError } from './errors';
import { removePkcs1Type2Padding } from './pkcs1-padding';

function encodeBlock(message: string, paddingBytes: number, prefix = [0x00, 0x02]): Buffer {
  return Buffer.concat([Buffer.from(prefix), Buffer.alloc(paddingBytes, 0x5a), Buffer.from([0x00]), Buffer.from(message)]);
}

describe('removePkcs1Type2Padding', () => {
  it('returns the message after the first zero separator', () => {
    expect(removePkcs1Type2Padding(encodeBlock('pass\u0000word', 40)).toString()).toBe('pass\u0000word');
  });

  it('accepts exactly eight padding bytes and an empty message', () => {
    expect(removePkcs1Type2Padding(encodeBlock('x', 8)).toString()).toBe('x');
    expect(removePkcs1Type2Padding(encodeBlock('', 20)).length).toBe(0);
  });

  it.each([
    ['fewer than eight padding bytes', encodeBlock('secret', 7)],
    ['a nonzero first byte', encodeBlock('secret', 20, [0x01, 0x02])],
    ['block type 1 instead of 2', encodeBlock('secret', 20, [0x00, 0x01])],
    ['no zero separator', Buffer.concat([Buffer.from([0x00, 0x02]), Buffer.alloc(30, 0x11)])],
    ['a block shorter than the minimum', Buffer.from([0x00, 0x02, 0x00])],
    ['an empty block', Buffer.alloc(0)],
  ])('rejects %s with the generic error', (_name, block) => {
    expect(() => removePkcs1Type2Padding(block)).toThrow(LoginFieldError);
  });
});
