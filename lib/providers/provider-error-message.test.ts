import { describe, expect, it } from 'vitest';
import { readProviderErrorMessage, sanitiseProviderMessage } from './provider-error-message';

describe('readProviderErrorMessage', () => {
  it.each([
    [{ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } }, 'Incorrect API key provided.'],
    [{ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }, 'invalid x-api-key'],
  ])('reads the message of %j', (body, message) => {
    expect(readProviderErrorMessage(JSON.stringify(body))).toBe(message);
  });

  it.each(['<html>500</html>', 'plain text', '', 'null', '[]', '"error"', '{"message":"x"}', '{"error":"x"}', '{"error":{"message":1}}', '{"error":[{"message":"x"}]}', '{"detail":{"error":{"message":"x"}}}'])(
    'reads nothing from %j',
    (body) => {
      expect(readProviderErrorMessage(body)).toBeNull();
    },
  );
});

describe('sanitiseProviderMessage', () => {
  const key = 'sk-secret-0123456789';

  it('turns control, bidi and zero-width characters and line breaks into single spaces', () => {
    expect(sanitiseProviderMessage('\u001b[2Ja\r\nb\u0000c\u202ed\u200be\u2028f\u0085g  ', key)).toBe('[2Ja b c d e f g');
  });

  it('blanks the key, also where control characters surrounded it', () => {
    expect(sanitiseProviderMessage(`bad key\u0007${key}\u0007!`, key)).toBe('bad key [redacted] !');
  });

  it('cuts at 200 characters without splitting a surrogate pair', () => {
    const cut = sanitiseProviderMessage('😀'.repeat(300), key);
    expect(Array.from(cut)).toHaveLength(201);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(sanitiseProviderMessage('short', key)).toBe('short');
  });
});
