// The error bodies both providers send, by HTTP status: one table, rendered in each protocol's shape.
import type { ErrorReply, StreamErrorSpec } from './types';

type StatusDefaults = {
  message: string;
  openai: { type: string; code: string | null };
  anthropic: string;
};

const byStatus: Record<number, StatusDefaults> = {
  400: { message: 'Invalid request.', openai: { type: 'invalid_request_error', code: null }, anthropic: 'invalid_request_error' },
  401: {
    message: 'Incorrect API key provided.',
    openai: { type: 'invalid_request_error', code: 'invalid_api_key' },
    anthropic: 'authentication_error',
  },
  402: { message: 'Your credit balance is too low.', openai: { type: 'insufficient_quota', code: 'insufficient_quota' }, anthropic: 'billing_error' },
  403: { message: 'You do not have access to this resource.', openai: { type: 'permission_error', code: null }, anthropic: 'permission_error' },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    openai: { type: 'invalid_request_error', code: 'model_not_found' },
    anthropic: 'not_found_error',
  },
  413: { message: 'Request exceeds the maximum allowed size.', openai: { type: 'invalid_request_error', code: null }, anthropic: 'request_too_large' },
  429: {
    message: 'Rate limit reached for requests.',
    openai: { type: 'requests', code: 'rate_limit_exceeded' },
    anthropic: 'rate_limit_error',
  },
  500: { message: 'The server had an error while processing your request.', openai: { type: 'server_error', code: null }, anthropic: 'api_error' },
  502: { message: 'Bad gateway.', openai: { type: 'server_error', code: null }, anthropic: 'api_error' },
  503: { message: 'The server is overloaded or not ready yet.', openai: { type: 'server_error', code: null }, anthropic: 'api_error' },
  504: { message: 'Request timed out.', openai: { type: 'timeout', code: null }, anthropic: 'timeout_error' },
  529: { message: 'Overloaded', openai: { type: 'server_error', code: null }, anthropic: 'overloaded_error' },
};

function defaultsFor(status: number): StatusDefaults {
  const known = byStatus[status];
  if (known) return known;
  return status >= 500
    ? { message: 'Internal server error.', openai: { type: 'server_error', code: null }, anthropic: 'api_error' }
    : { message: 'Invalid request.', openai: { type: 'invalid_request_error', code: null }, anthropic: 'invalid_request_error' };
}

export type ErrorFields = Pick<ErrorReply, 'status' | 'type' | 'message' | 'code'>;

export function openAiErrorBody(fields: ErrorFields) {
  const defaults = defaultsFor(fields.status);
  return {
    error: {
      message: fields.message ?? defaults.message,
      type: fields.type ?? defaults.openai.type,
      param: null,
      code: fields.code === undefined ? defaults.openai.code : fields.code,
    },
  };
}

export function anthropicErrorBody(fields: ErrorFields, requestId: string) {
  const defaults = defaultsFor(fields.status);
  return {
    type: 'error',
    error: { type: fields.type ?? defaults.anthropic, message: fields.message ?? defaults.message },
    request_id: requestId,
  };
}

/** The body of the error event inside a stream: Anthropic sends `overloaded_error` most often. */
export function anthropicStreamErrorBody(spec: StreamErrorSpec, requestId: string) {
  return anthropicErrorBody({ status: 529, type: spec.type, message: spec.message }, requestId);
}

export function openAiStreamErrorBody(spec: StreamErrorSpec) {
  return openAiErrorBody({ status: 500, type: spec.type, message: spec.message });
}
