import { describe, expect, it } from 'vitest';
import {
  buildAnthropicError,
  buildOpenAIError,
  ConversionError,
  readAnthropicError,
  readOpenAIError,
  readUpstreamErrorBody,
} from './errors';

describe('error shapes', () => {
  it.each([
    [400, 'invalid_request_error', 400, 'invalid_request_error', null],
    [401, 'authentication_error', 401, 'invalid_request_error', 'invalid_api_key'],
    [402, 'billing_error', 402, 'insufficient_quota', 'insufficient_quota'],
    [403, 'permission_error', 403, 'permission_error', null],
    [404, 'not_found_error', 404, 'invalid_request_error', 'model_not_found'],
    [413, 'request_too_large', 413, 'invalid_request_error', null],
    [429, 'rate_limit_error', 429, 'rate_limit_exceeded', 'rate_limit_exceeded'],
    [500, 'api_error', 500, 'server_error', null],
    [504, 'timeout_error', 504, 'timeout', 'timeout'],
    [529, 'overloaded_error', 503, 'server_error', null],
  ])('status %i → Anthropic %s, OpenAI %i %s/%s', (status, anthropicType, openaiStatus, openaiType, openaiCode) => {
    expect(buildAnthropicError({ status, message: 'boom' })).toEqual({
      status,
      body: { type: 'error', error: { type: anthropicType, message: 'boom' } },
    });
    expect(buildOpenAIError({ status, message: 'boom' })).toEqual({
      status: openaiStatus,
      body: { error: { message: 'boom', type: openaiType, param: null, code: openaiCode } },
    });
  });

  it('maps unlisted statuses by class and keeps a 503 a 503 (overloaded) for Anthropic clients', () => {
    expect(buildAnthropicError({ status: 422, message: 'x' }).body.error.type).toBe('invalid_request_error');
    expect(buildAnthropicError({ status: 507, message: 'x' }).body.error.type).toBe('api_error');
    expect(buildAnthropicError({ status: 503, message: 'x' })).toMatchObject({ status: 503, body: { error: { type: 'overloaded_error' } } });
  });

  it('flags "prompt is too long" as context_length_exceeded for OpenAI clients', () => {
    const { body } = buildOpenAIError({ status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' });
    expect(body.error.code).toBe('context_length_exceeded');
  });
});

describe('reading upstream errors', () => {
  it('reads Anthropic error types back to their status', () => {
    expect(readAnthropicError({ type: 'overloaded_error', message: 'Overloaded' })).toEqual({ status: 529, message: 'Overloaded' });
    expect(readAnthropicError({ type: 'rate_limit_error', message: 'slow down' }).status).toBe(429);
    expect(readAnthropicError({ type: 'brand_new_error', message: 'x' }).status).toBe(500);
  });

  it('infers a status for OpenAI stream errors from a numeric code, then code, then type', () => {
    expect(readOpenAIError({ message: 'x', code: 503 }).status).toBe(503);
    expect(readOpenAIError({ message: 'x', type: 'invalid_request_error', code: 'invalid_api_key' }).status).toBe(401);
    expect(readOpenAIError({ message: 'x', type: 'requests', code: 'rate_limit_exceeded' }).status).toBe(429);
    expect(readOpenAIError({ message: 'x', type: 'invalid_request_error' }).status).toBe(400);
    expect(readOpenAIError({})).toEqual({ status: 500, message: 'Upstream error' });
  });

  it('reads error bodies of both protocols and plain text, keeping the HTTP status', () => {
    expect(readUpstreamErrorBody(429, '{"type":"error","error":{"type":"rate_limit_error","message":"Too many"}}')).toEqual({ status: 429, message: 'Too many' });
    expect(readUpstreamErrorBody(400, '{"error":{"message":"Bad model","type":"invalid_request_error"}}')).toEqual({ status: 400, message: 'Bad model' });
    expect(readUpstreamErrorBody(502, '<html>Bad gateway</html>')).toEqual({ status: 502, message: '<html>Bad gateway</html>' });
    expect(readUpstreamErrorBody(500, '')).toEqual({ status: 500, message: 'Upstream returned HTTP 500' });
  });
});

describe('ConversionError', () => {
  it('is a 400 that names the field', () => {
    const error = new ConversionError('n: only n=1 is supported', 'n');
    expect(error).toMatchObject({ status: 400, param: 'n', name: 'ConversionError' });
    expect(buildAnthropicError(error.toProtocolError()).body.error).toEqual({ type: 'invalid_request_error', message: 'n: only n=1 is supported' });
  });
});
