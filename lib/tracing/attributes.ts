import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';

// The attribute names of the gateway's spans: OpenTelemetry's stable HTTP conventions where one fits, `axongate.*`
// for the gateway's own facts. Ids and names only, never a token, a key or a body (README, "Traces").

export const TRACE_ATTRIBUTES = {
  httpMethod: ATTR_HTTP_REQUEST_METHOD,
  httpRoute: ATTR_HTTP_ROUTE,
  httpStatus: ATTR_HTTP_RESPONSE_STATUS_CODE,
  errorType: ATTR_ERROR_TYPE,
  requestId: 'axongate.request_id',
  clientProtocol: 'axongate.client_protocol',
  model: 'axongate.model',
  stream: 'axongate.stream',
  status: 'axongate.status',
  tokenId: 'axongate.token_id',
  userId: 'axongate.user_id',
  attempts: 'axongate.attempts',
  inputTokens: 'axongate.input_tokens',
  outputTokens: 'axongate.output_tokens',
  ttftMs: 'axongate.ttft_ms',
  modelId: 'axongate.model_id',
  providerId: 'axongate.provider.id',
  providerName: 'axongate.provider.name',
  providerTokenId: 'axongate.provider_token_id',
  providerModel: 'axongate.provider_model',
  upstreamProtocol: 'axongate.upstream_protocol',
  outcome: 'axongate.outcome',
  reason: 'axongate.reason',
} as const;
