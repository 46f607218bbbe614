// Error shapes of both protocols and the one table that maps an HTTP status to each protocol's error type.
// SDKs classify errors by HTTP status, so the status is what is preserved; the message text is kept as is.
import type { AnthropicErrorBody, AnthropicErrorType } from './anthropic/types';
import { isRecord, parseJsonSafely } from './json';
import type { OpenAIErrorBody, OpenAIUpstreamError } from './openai/types';

/** An error normalized from either protocol: what the gateway needs to answer the client in its own shape. */
/** `param` names the request field at fault, when one is (OpenAI clients see it in `error.param`). */
export type ProtocolError = { status: number; message: string; param?: string | null; details?: Record<string, unknown> };

type StatusRow = {
  anthropicType: AnthropicErrorType;
  openaiType: string;
  openaiCode: string | null;
  /** Status to send to OpenAI clients when it differs (OpenAI SDKs do not know 529). */
  openaiStatus?: number;
};

const STATUS_TABLE: Record<number, StatusRow> = {
  400: { anthropicType: 'invalid_request_error', openaiType: 'invalid_request_error', openaiCode: null },
  401: { anthropicType: 'authentication_error', openaiType: 'invalid_request_error', openaiCode: 'invalid_api_key' },
  402: { anthropicType: 'billing_error', openaiType: 'insufficient_quota', openaiCode: 'insufficient_quota' },
  403: { anthropicType: 'permission_error', openaiType: 'permission_error', openaiCode: null },
  404: { anthropicType: 'not_found_error', openaiType: 'invalid_request_error', openaiCode: 'model_not_found' },
  413: { anthropicType: 'request_too_large', openaiType: 'invalid_request_error', openaiCode: null },
  429: { anthropicType: 'rate_limit_error', openaiType: 'rate_limit_exceeded', openaiCode: 'rate_limit_exceeded' },
  500: { anthropicType: 'api_error', openaiType: 'server_error', openaiCode: null },
  502: { anthropicType: 'api_error', openaiType: 'server_error', openaiCode: null },
  // Kept 503 for Anthropic clients too: the gateway's own 503s (draining, database down, no route) are not the
  // provider's "overloaded", and Anthropic SDKs retry 503 like 529.
  503: { anthropicType: 'overloaded_error', openaiType: 'server_error', openaiCode: null },
  504: { anthropicType: 'timeout_error', openaiType: 'timeout', openaiCode: 'timeout' },
  529: { anthropicType: 'overloaded_error', openaiType: 'server_error', openaiCode: null, openaiStatus: 503 },
};

function findStatusRow(status: number): StatusRow {
  return STATUS_TABLE[status] ?? (status >= 500 || status < 400 ? STATUS_TABLE[500] : STATUS_TABLE[400]);
}

/** Builds the status and body an OpenAI client gets: `{"error":{"message","type","param","code"}}`. */
export function buildOpenAIError(error: ProtocolError): { status: number; body: OpenAIErrorBody } {
  const row = findStatusRow(error.status);
  const code = error.status === 400 && /prompt is too long|context length/i.test(error.message)
    ? 'context_length_exceeded'
    : row.openaiCode;
  return {
    status: row.openaiStatus ?? error.status,
    body: { error: { message: error.message, type: row.openaiType, param: error.param ?? null, code } },
  };
}

/** Builds the status and body an Anthropic client gets: `{"type":"error","error":{"type","message"}}`. */
export function buildAnthropicError(error: ProtocolError): { status: number; body: AnthropicErrorBody } {
  const row = findStatusRow(error.status);
  return {
    status: error.status,
    body: { type: 'error', error: { type: row.anthropicType, message: error.message, ...(error.details && { details: error.details }) } },
  };
}

const ANTHROPIC_TYPE_STATUS: Record<AnthropicErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function isAnthropicErrorType(type: string): type is AnthropicErrorType {
  return Object.hasOwn(ANTHROPIC_TYPE_STATUS, type);
}

/** Reads an Anthropic error object (a body's or a stream `error` event's); unknown types count as 500. */
export function readAnthropicError(error: { type?: string; message?: string }): ProtocolError {
  const status = error.type && isAnthropicErrorType(error.type) ? ANTHROPIC_TYPE_STATUS[error.type] : 500;
  return { status, message: error.message ?? 'Upstream error' };
}

const OPENAI_TYPE_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  invalid_api_key: 401,
  authentication_error: 401,
  insufficient_quota: 402,
  permission_error: 403,
  model_not_found: 404,
  not_found_error: 404,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  requests: 429,
  tokens: 429,
  server_error: 500,
  timeout: 504,
  overloaded_error: 529,
};

/**
 * Reads an OpenAI-style error object. A stream error carries no HTTP status, so it is inferred from a numeric
 * `code` (some compatible backends send one), then from `code`, then from `type`; anything else counts as 500.
 */
export function readOpenAIError(error: OpenAIUpstreamError, fallbackStatus = 500): ProtocolError {
  const message = error.message ?? 'Upstream error';
  if (typeof error.code === 'number' && error.code >= 400 && error.code < 600) return { status: error.code, message };
  const byCode = typeof error.code === 'string' ? OPENAI_TYPE_STATUS[error.code] : undefined;
  const byType = error.type ? OPENAI_TYPE_STATUS[error.type] : undefined;
  return { status: byCode ?? byType ?? fallbackStatus, message };
}

/**
 * Reads an upstream's non-2xx body of either protocol (or plain text) into a ProtocolError.
 * The HTTP status always wins over whatever the body says, because SDKs classify by status.
 */
export function readUpstreamErrorBody(status: number, bodyText: string): ProtocolError {
  const parsed = parseJsonSafely(bodyText);
  if (isRecord(parsed) && isRecord(parsed.error) && typeof parsed.error.message === 'string') {
    return { status, message: parsed.error.message };
  }
  if (isRecord(parsed) && typeof parsed.message === 'string') return { status, message: parsed.message };
  const text = bodyText.trim();
  return { status, message: text === '' ? `Upstream returned HTTP ${status}` : text.slice(0, 1000) };
}

/**
 * A request that cannot be converted to the upstream's protocol (n > 1 toward Anthropic, audio input…).
 * It is the caller's fault, so it carries status 400 and a message naming the field.
 */
export class ConversionError extends Error {
  readonly status = 400;

  constructor(
    message: string,
    readonly param: string | null = null,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ConversionError';
  }

  toProtocolError(): ProtocolError {
    return { status: this.status, message: this.message, param: this.param, ...(this.details && { details: this.details }) };
  }
}

/** An upstream answer that is well-formed HTTP but unusable (no choices, finish_reason "error"…). */
export class UpstreamResponseError extends Error {
  readonly status = 500;

  constructor(message: string) {
    super(message);
    this.name = 'UpstreamResponseError';
  }

  toProtocolError(): ProtocolError {
    return { status: this.status, message: this.message };
  }
}
