import { buildAnthropicError, buildOpenAIError, type ConversionError, type ProtocolError } from '../../protocol/errors';

import type { ClientProtocol } from './endpoint';
import type { ErrorType } from './error-type';

/**
 * An answer the gateway gives itself (bad token, limit, unknown model, bad body, every route failed).
 * `errorType` is the short label recorded in the usage row.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorType: ErrorType,
    readonly headers: Record<string, string> = {},
    readonly param: string | null = null,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  static fromConversion(error: ConversionError): GatewayError {
    return new GatewayError(error.status, error.message, 'invalid_request', {}, error.param, error.details);
  }

  toProtocolError(): ProtocolError {
    return { status: this.status, message: this.message, param: this.param, ...(this.details && { details: this.details }) };
  }
}

/** The error in the client's own protocol shape and status (529 becomes 503 for OpenAI clients, and so on). */
export function buildErrorResponse(
  protocol: ClientProtocol,
  error: ProtocolError,
  headers: Record<string, string> = {},
): Response {
  const built = protocol === 'anthropic' ? buildAnthropicError(error) : buildOpenAIError(error);
  const body = protocol === 'anthropic' && headers['request-id'] ? { ...built.body, request_id: headers['request-id'] } : built.body;
  return new Response(JSON.stringify(body), {
    status: built.status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
