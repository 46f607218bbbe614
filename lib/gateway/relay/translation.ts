import type { AnthropicMessage, AnthropicMessagesRequest } from '../../protocol/anthropic/types';
import { readAnthropicUsage } from '../../protocol/anthropic/usage';
import { convertAnthropicRequestToOpenAI } from '../../protocol/anthropic-to-openai/request';
import { convertAnthropicResponseToOpenAI } from '../../protocol/anthropic-to-openai/response';
import { AnthropicToOpenAIStream } from '../../protocol/anthropic-to-openai/stream';
import { ConversionError, type ProtocolError } from '../../protocol/errors';
import { isRecord } from '../../protocol/json';
import type { OpenAIChatCompletion, OpenAIChatRequest } from '../../protocol/openai/types';
import { readOpenAIUsage } from '../../protocol/openai/usage';
import { convertOpenAIRequestToAnthropic } from '../../protocol/openai-to-anthropic/request';
import { convertOpenAIResponseToAnthropic } from '../../protocol/openai-to-anthropic/response';
import { OpenAIToAnthropicStream } from '../../protocol/openai-to-anthropic/stream';
import { createPassthroughTransformer } from '../../protocol/passthrough';
import { inspectPassthroughBody, type BodyUsageShape } from '../../protocol/passthrough-body';
import { estimateTokensFromChars } from '../../protocol/token-estimate';
import { chainConverters, createConversionTransformer, type StreamConverter, type StreamTransformer } from '../../protocol/stream-converter';
import { convertResponsesRequestToChat } from '../../protocol/responses/request';
import { convertChatResponseToResponses } from '../../protocol/responses/response';
import { ChatToResponsesStream } from '../../protocol/responses/stream';
import type { ResponsesRequest, ResponsesResponse } from '../../protocol/responses/types';
import { convertChatRequestToResponses } from '../../protocol/chat-to-responses/request';
import { convertResponsesToChatCompletion } from '../../protocol/chat-to-responses/response';
import { ResponsesToChatStream } from '../../protocol/chat-to-responses/stream';
import type { NormalizedUsage } from '../../protocol/usage';
import { createAnthropicUsageSniffer, createOpenAIUsageSniffer, type UsageSniffer } from '../../protocol/usage-sniffer';
import { classifyResponsesStart, createResponsesUsageSniffer, readResponsesUsage } from '../../protocol/responses/usage';
import { classifyAnthropicStart, classifyOpenAIStart, type StreamStartClassifier } from '../../protocol/stream-start';
import type { JsonObject, ParsedBody } from '../request/json-body';
import { spliceTopLevel } from '../../http/json-text';
import type { ConversionSettings } from '../context/settings';
import type { GatewayRoute, UpstreamProtocol } from '../routing/route-types';
import type { UpstreamEndpoint } from '../upstream/upstream-url';
import type { ClientProtocol, EndpointKind } from '../request/endpoint';

// One attempt's translation between the client and one route: the upstream body, and how the upstream's
// answer becomes the client's. Same protocol takes the pass-through path and pays for no conversion.

export type StreamPipeline = {
  transformer: StreamTransformer;
  usage(): NormalizedUsage | null;
  /** An error the upstream reported inside the stream (already written to the client by the converter). */
  error(): ProtocolError | null;
  /**
   * The upstream stream reached its protocol's end. Converters always write a proper ending themselves; for a
   * pass-through that stopped short, the gateway writes the client's error ending.
   */
  complete(): boolean;
  /** Pass-through: the gateway itself must write an error frame if the upstream connection breaks. */
  passthrough: boolean;
};

export type Translation = {
  endpoint: UpstreamEndpoint;
  body: string;
  upstreamProtocol: UpstreamProtocol;
  /**
   * A 2xx non-streaming body → the client's body and the usage it reports, or why it is unusable (then the next
   * route is tried). Converters throw on a body they cannot read.
   */
  convertBody(bytes: Uint8Array<ArrayBuffer>): BodyAnswer;
  /** Converting needs the whole body parsed: its size is bounded. A pass-through relays bytes of any size. */
  converts: boolean;
  createStream(): StreamPipeline;
  /** Reads the upstream's first events: a stream that opens with an error may still fail over. */
  classifyStreamStart: StreamStartClassifier;
};

export type BodyAnswer = { ok: true; body: Uint8Array<ArrayBuffer> | string; usage: NormalizedUsage | null } | { ok: false; problem: string };

export type TranslationInput = {
  clientProtocol: ClientProtocol;
  kind: EndpointKind;
  body: ParsedBody;
  route: GatewayRoute;
  conversion: ConversionSettings;
  /** Where the attempt's conversion notes go (dropped parameters…): recorded with its usage row. */
  warnings: string[];
  /** Keeps a Responses answer made by conversion, for previous_response_id (native routes keep their own). */
  keepResponse?: (response: ResponsesResponse) => void;
};

/** A route whose provider answers the Responses API itself (and keeps its responses). */
export function servesResponsesNatively(route: GatewayRoute): boolean {
  return route.provider.type === 'openai' && route.capabilities.openaiApis !== 'chat';
}

const ENDPOINTS: Record<EndpointKind, UpstreamEndpoint> = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  count_tokens: '/v1/messages/count_tokens',
  embeddings: '/v1/embeddings',
  responses: '/v1/responses',
};

export function planTranslation(input: TranslationInput): Translation {
  const upstream = input.route.provider.type;
  const apis = input.route.capabilities.openaiApis;
  if (input.kind === 'responses' && !servesResponsesNatively(input.route)) return planResponsesConversion(input);
  // A Chat client converts toward Claude, and toward a model served only on the Responses API.
  if (input.kind === 'chat' && (upstream === 'anthropic' || apis === 'responses')) return planViaChat(input, input.body.json as unknown as OpenAIChatRequest, AS_CHAT);
  if (input.clientProtocol === upstream) return planPassthrough(input);
  if (input.kind === 'messages') return planAnthropicToOpenAI(input);
  throw new ConversionError(`${ENDPOINTS[input.kind]} is not available for models served by an ${upstream}-type provider`);
}

function planPassthrough(input: TranslationInput): Translation {
  const { json, text, members } = input.body;
  const upstreamProtocol = input.route.provider.type;
  const stream = json.stream === true;
  // The gateway asks for OpenAI's usage chunk itself and removes it again if the client did not ask.
  const addUsage = stream && upstreamProtocol === 'openai' && input.kind === 'chat' && !clientWantsUsage(json);
  const body = spliceTopLevel(text, {
    model: JSON.stringify(input.route.providerModelName),
    stream_options: addUsage ? JSON.stringify({ ...asRecord(json.stream_options), include_usage: true }) : undefined,
  }, members);
  return {
    endpoint: ENDPOINTS[input.kind],
    body,
    upstreamProtocol,
    convertBody: (bytes) => {
      const inspected = inspectPassthroughBody(bytes, USAGE_SHAPES[input.kind]);
      return inspected.ok ? { ok: true, body: bytes, usage: inspected.usage } : inspected;
    },
    converts: false,
    createStream: () => {
      const sniffer = createSniffer(input.kind);
      return {
        transformer: createPassthroughTransformer(sniffer, { dropUsageOnlyChunks: addUsage }),
        usage: () => sniffer.usage,
        error: () => sniffer.error,
        complete: () => sniffer.complete,
        passthrough: true,
      };
    },
    classifyStreamStart: input.kind === 'responses' ? classifyResponsesStart : upstreamProtocol === 'anthropic' ? classifyAnthropicStart : classifyOpenAIStart,
  };
}

/** How a Chat Completions answer reaches the client: as it is, or turned into another protocol's (Responses). */
/**
 * How the client's answer is made from a Chat Completions answer: its body, and the converter that reads the Chat
 * stream and writes the client's (null when the Chat stream is the client's own).
 */
type ChatAnswerShape = {
  body(completion: OpenAIChatCompletion): string;
  stream: (() => StreamConverter) | null;
  /** That converter carries signed thinking on (Responses reasoning items); a Chat client gets none. */
  streamThinkingBlocks: boolean;
};

const AS_CHAT: ChatAnswerShape = { body: (completion) => JSON.stringify(completion), stream: null, streamThinkingBlocks: false };

/**
 * Everything that converts goes through Chat Completions (docs/ARCHITECTURE.md, "Three protocols"): the client's
 * request as a Chat request, sent to the route in its own protocol, and the route's answer back as a Chat answer
 * that `shape` turns into the client's.
 */
function planViaChat(input: TranslationInput, chat: OpenAIChatRequest, shape: ChatAnswerShape): Translation {
  const upstream = input.route.provider.type === 'anthropic' ? anthropicUpstream(input, chat, shape.streamThinkingBlocks) : openAIUpstream(input, chat);
  return {
    endpoint: upstream.endpoint,
    body: upstream.body,
    upstreamProtocol: input.route.provider.type,
    convertBody: (bytes) => {
      const { completion, usage } = upstream.readCompletion(bytes);
      return { ok: true, body: shape.body(completion), usage };
    },
    converts: true,
    createStream: () => conversionPipeline(composeConverters(upstream.toChatStream?.() ?? null, shape.stream?.() ?? null)),
    classifyStreamStart: upstream.classifyStreamStart,
  };
}

/** A route reached with a Chat request: what to send, and how its answer and stream become Chat ones. */
type ChatUpstream = {
  endpoint: UpstreamEndpoint;
  body: string;
  readCompletion(bytes: Uint8Array<ArrayBuffer>): { completion: OpenAIChatCompletion; usage: NormalizedUsage | null };
  /** The converter from the route's stream to a Chat stream; null when the route streams Chat itself. */
  toChatStream: (() => StreamConverter) | null;
  classifyStreamStart: StreamStartClassifier;
};

function anthropicUpstream(input: TranslationInput, chat: OpenAIChatRequest, streamThinkingBlocks: boolean): ChatUpstream {
  const converted = convertOpenAIRequestToAnthropic(chat, {
    upstreamModel: input.route.providerModelName,
    defaultMaxTokens: input.conversion.defaultMaxTokens,
    target: input.route.capabilities,
  });
  input.warnings.push(...converted.warnings);
  return {
    endpoint: '/v1/messages',
    body: JSON.stringify(converted.request),
    readCompletion: (bytes) => {
      const message = JSON.parse(decodeUtf8(bytes)) as AnthropicMessage;
      const completion = convertAnthropicResponseToOpenAI(message, converted.context, input.warnings);
      return { completion, usage: message.usage ? readAnthropicUsage(message.usage) : null };
    },
    toChatStream: () => new AnthropicToOpenAIStream({ ...converted.context, streamThinkingBlocks }),
    classifyStreamStart: classifyAnthropicStart,
  };
}

/** An OpenAI-type route: Chat Completions as it is, or for a Responses-only model as a Responses request. */
function openAIUpstream(input: TranslationInput, chat: OpenAIChatRequest): ChatUpstream {
  if (input.route.capabilities.openaiApis !== 'responses') {
    return {
      endpoint: '/v1/chat/completions',
      body: JSON.stringify({ ...chat, model: input.route.providerModelName }),
      readCompletion: (bytes) => {
        const completion = JSON.parse(decodeUtf8(bytes)) as OpenAIChatCompletion;
        return { completion, usage: completion.usage ? readOpenAIUsage(completion.usage) : null };
      },
      toChatStream: null,
      classifyStreamStart: classifyOpenAIStart,
    };
  }
  const converted = convertChatRequestToResponses(chat, input.route.providerModelName);
  input.warnings.push(...converted.warnings);
  return {
    endpoint: '/v1/responses',
    body: JSON.stringify(converted.request),
    readCompletion: (bytes) => {
      const response = JSON.parse(decodeUtf8(bytes)) as ResponsesResponse;
      return { completion: convertResponsesToChatCompletion(response, converted.context), usage: readResponsesUsage(response.usage) };
    },
    toChatStream: () => new ResponsesToChatStream(converted.context),
    classifyStreamStart: classifyResponsesStart,
  };
}

/** One converter, or the first's output through the second; a converting plan always has at least one. */
function composeConverters(first: StreamConverter | null, second: StreamConverter | null): StreamConverter {
  if (first && second) return chainConverters(first, second);
  const only = first ?? second;
  if (!only) throw new Error('a converting plan without a stream converter');
  return only;
}

function planAnthropicToOpenAI(input: TranslationInput): Translation {
  const converted = convertAnthropicRequestToOpenAI(input.body.json as unknown as AnthropicMessagesRequest, {
    upstreamModel: input.route.providerModelName,
    target: input.route.capabilities,
    toolDescriptionOverflow: input.conversion.toolDescriptionOverflow,
    stripBillingHeader: input.conversion.stripBillingHeader,
  });
  // OpenAI reports usage only at the end; message_start gets this much ahead (about four characters a token).
  const context = { ...converted.context, inputTokensEstimate: estimateTokensFromChars(input.body.text.length) };
  input.warnings.push(...converted.warnings);
  return planViaChat(input, converted.request, {
    body: (completion) => JSON.stringify(convertOpenAIResponseToAnthropic(completion, context, input.warnings)),
    stream: () => new OpenAIToAnthropicStream(context, input.warnings),
    streamThinkingBlocks: false,
  });
}

/**
 * A Responses client on a route without the Responses API: its request pivots through Chat Completions, sent as
 * it is to a chat-only OpenAI-type route, or on through the Chat → Messages converter to an Anthropic-type one.
 */
function planResponsesConversion(input: TranslationInput): Translation {
  const pivot = convertResponsesRequestToChat(input.body.json as unknown as ResponsesRequest);
  input.warnings.push(...pivot.warnings);
  return planViaChat(input, pivot.request, {
    body: (completion) => {
      const response = convertChatResponseToResponses(completion, pivot.context);
      input.keepResponse?.(response);
      return JSON.stringify(response);
    },
    stream: () => new ChatToResponsesStream(pivot.context, input.keepResponse),
    streamThinkingBlocks: true,
  });
}

/** A converting stream: the converter itself knows the usage, the error and how the stream ended. */
function conversionPipeline(converter: StreamConverter): StreamPipeline {
  return {
    transformer: createConversionTransformer(converter),
    usage: () => converter.usage,
    // A stream that merely stopped short is told apart from one the upstream ended with an error event.
    error: () => (converter.endedEarly ? null : converter.error),
    complete: () => !converter.endedEarly,
    passthrough: false,
  };
}

function clientWantsUsage(json: JsonObject): boolean {
  return isRecord(json.stream_options) && json.stream_options.include_usage === true;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function createSniffer(kind: EndpointKind): UsageSniffer {
  if (kind === 'responses') return createResponsesUsageSniffer();
  return kind === 'messages' || kind === 'count_tokens' ? createAnthropicUsageSniffer() : createOpenAIUsageSniffer();
}

const USAGE_SHAPES: Record<EndpointKind, BodyUsageShape> = {
  chat: 'openai',
  embeddings: 'openai',
  messages: 'anthropic',
  count_tokens: 'none',
  responses: 'responses',
};

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
