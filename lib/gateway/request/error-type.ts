// The one vocabulary of a usage row's `error_type` (and of GatewayError): the same fault gets the same label on every
// path, pass-through or converting, streamed or not. The HTTP status the client saw is in its own column.

export type ErrorType =
  // The caller's request
  | 'invalid_request'
  | 'request_too_large'
  | 'authentication'
  | 'permission'
  | 'rate_limit'
  | 'budget_exceeded'
  | 'model_not_found'
  /** previous_response_id (or GET /v1/responses/{id}) names no response of this token. */
  | 'response_not_found'
  | 'image_fetch_failed'
  | 'client_disconnected'
  // The gateway
  | 'shutting_down'
  | 'database_unavailable'
  | 'no_available_route'
  | 'internal_error'
  // The provider
  /** It answered an error status the client got back (the caller's fault, such as a 400). */
  | 'upstream_error'
  /** Every route was tried and failed. */
  | 'upstream_failed'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  /** The connection broke while the answer was streaming. */
  | 'upstream_connection_lost'
  /** The provider put an error event in the stream. */
  | 'upstream_stream_error'
  /** The stream ended before its protocol's end. */
  | 'upstream_incomplete';

/** The label of a transport failure by its kind. */
export const TRANSPORT_ERROR_TYPES = {
  connect: 'upstream_unreachable',
  timeout: 'upstream_timeout',
  network: 'upstream_connection_lost',
  aborted: 'client_disconnected',
} as const satisfies Record<string, ErrorType>;
