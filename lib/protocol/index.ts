// The protocol core: pure OpenAI ⇄ Anthropic conversion, SSE, errors and usage. No framework, no I/O.
//
// Folders are named for the direction the data flows:
//   openai-to-anthropic/  request (§1), response (§3 O→A), stream (§4b: OpenAI upstream → Anthropic client)
//   anthropic-to-openai/  request (§2), response (§3 A→O), stream (§4a: Anthropic upstream → OpenAI client)
// A request conversion returns a `context` that the same exchange's response or stream conversion takes.

export type * from './anthropic/types';
export type * from './openai/types';
export type { AnthropicClientContext, OpenAIClientContext } from './context';
export type { NormalizedUsage } from './usage';
export type { JsonSchema } from './json';
export type { DataUrl } from './data-url';

export { formatSseComment, formatSseEvent, createSseParserStream, SseParser, type SseEvent } from './sse';
export { createConversionTransformer, type StreamConverter, type StreamTransformer } from './stream-converter';
export {
  DEFAULT_CONVERSION_POLICY,
  resolveConversionPolicy,
  type AnthropicTarget,
  type ConversionPolicy,
  type OpenAITarget,
} from './options';
export {
  buildAnthropicError,
  buildOpenAIError,
  ConversionError,
  mapStatusToAnthropicType,
  mapStatusToOpenAIType,
  readAnthropicError,
  readOpenAIError,
  readUpstreamErrorBody,
  UpstreamResponseError,
  type ProtocolError,
} from './errors';

export { convertOpenAIRequestToAnthropic, type OpenAIToAnthropicOptions } from './openai-to-anthropic/request';
export { convertOpenAIResponseToAnthropic } from './openai-to-anthropic/response';
export { OpenAIToAnthropicStream } from './openai-to-anthropic/stream';
export { mapFinishReasonToStopReason } from './openai-to-anthropic/stop-reason';

export { convertAnthropicRequestToOpenAI, type AnthropicToOpenAIOptions } from './anthropic-to-openai/request';
export { convertAnthropicResponseToOpenAI } from './anthropic-to-openai/response';
export { AnthropicToOpenAIStream } from './anthropic-to-openai/stream';
export { mapStopReasonToFinishReason } from './anthropic-to-openai/finish-reason';

export { readAnthropicUsage, buildAnthropicUsage } from './anthropic/usage';
export { readOpenAIUsage, buildOpenAIUsage } from './openai/usage';
export { createAnthropicUsageSniffer, createOpenAIUsageSniffer, type UsageSniffer } from './usage-sniffer';
export { createPassthroughTransformer, requestOpenAIStreamUsage } from './passthrough';
