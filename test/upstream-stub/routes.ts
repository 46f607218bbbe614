// The provider endpoints the stub serves: which protocol each speaks, what it checks, and its successful answer.
import type { IncomingHttpHeaders } from 'node:http';
import { anthropicFormat } from './anthropic-format';
import { resolveCompletion, type CompletionDefaults, type ProtocolFormat } from './completion';
import { countTokens, createEmbeddings, listModels } from './endpoints';
import { renderResponse, renderResponsesStream } from './responses-format';
import { openAiFormat } from './openai-format';
import { anthropicMessagesProblem, openAIChatProblem, responsesProblem } from './provider-rules';
import type { Outgoing } from './writer';
import type { CompletionReply } from './types';

export type RouteContext = {
  body: Record<string, unknown>;
  /** False when the body was missing or not a JSON object. */
  hasBody: boolean;
  headers: IncomingHttpHeaders;
  path: string;
  models: string[];
  defaults: CompletionDefaults;
  /** Numbers answers, for ids. */
  nextAnswerSeq: () => number;
};

export type Route = {
  format: ProtocolFormat;
  /** Which header carries the provider key. */
  auth: 'bearer' | 'x-api-key' | 'either';
  /** The 400 message a real provider would send for this request, if any. */
  validate: (context: RouteContext) => string | undefined;
  answer: (context: RouteContext, reply: CompletionReply) => Pick<Outgoing, 'status' | 'streaming' | 'frames'>;
};

const json = (status: number, body: unknown): Pick<Outgoing, 'status' | 'streaming' | 'frames'> => ({
  status,
  streaming: false,
  frames: [{ kind: 'end', text: JSON.stringify(body) }],
});

function chat(format: ProtocolFormat, auth: Route['auth'], validate: Route['validate']): Route {
  return {
    format,
    auth,
    validate,
    answer: (context, reply) => {
      const completion = resolveCompletion(reply, context.body, context.nextAnswerSeq(), context.defaults);
      if (context.body.stream !== true) return json(200, format.message(completion));
      return { status: 200, streaming: true, frames: format.stream(completion, context.body) };
    },
  };
}

const routes: Record<string, Route> = {
  'POST /v1/chat/completions': chat(openAiFormat, 'bearer', (context) =>
    missingJson(context) ?? required(context, ['model', 'messages'], (field) => `you must provide a ${field} parameter`) ?? openAIChatProblem(context.body),
  ),
  'POST /v1/messages': chat(anthropicFormat, 'x-api-key', (context) =>
    anthropicVersion(context) ??
    missingJson(context) ??
    required(context, ['model', 'max_tokens', 'messages'], (field) => `${field}: Field required`) ??
    anthropicMessagesProblem(context.body, String(context.headers['anthropic-beta'] ?? '').split(',').map((beta) => beta.trim())),
  ),
  'POST /v1/messages/count_tokens': {
    format: anthropicFormat,
    auth: 'x-api-key',
    validate: (context) =>
      anthropicVersion(context) ?? missingJson(context) ?? required(context, ['model', 'messages'], (field) => `${field}: Field required`),
    answer: (context) => json(200, countTokens(context.body)),
  },
  'GET /v1/models': {
    format: openAiFormat,
    auth: 'either',
    validate: () => undefined,
    answer: (context) => json(200, listModels(context.models, context.headers)),
  },
  'POST /v1/embeddings': {
    format: openAiFormat,
    auth: 'bearer',
    validate: (context) => missingJson(context) ?? required(context, ['model', 'input'], (field) => `you must provide a ${field} parameter`),
    answer: (context) => json(200, createEmbeddings(context.body)),
  },
  'POST /v1/responses': {
    format: openAiFormat,
    auth: 'bearer',
    validate: (context) =>
      missingJson(context) ??
      required(context, ['model', 'input'], (field) => `Missing required parameter: '${field}'.`) ??
      responsesProblem(context.body),
    answer: (context, reply) => {
      const completion = resolveCompletion(reply, context.body, context.nextAnswerSeq(), context.defaults);
      if (context.body.stream !== true) return json(200, renderResponse(completion, context.body));
      return { status: 200, streaming: true, frames: renderResponsesStream(completion, context.body) };
    },
  },
};

/** One model by id, in the list's shape; unknown ids answer the protocol's 404. */
const singleModel: Route = {
  format: openAiFormat,
  auth: 'either',
  validate: () => undefined,
  answer: (context) => {
    const id = decodeURIComponent(context.path.slice('/v1/models/'.length));
    const listed = listModels(context.models, context.headers).data.find((model) => model.id === id);
    if (listed) return json(200, listed);
    return json(404, openAiFormat.errorBody({ status: 404, message: `The model '${id}' does not exist` }, ''));
  },
};

export function findRoute(method: string, path: string): Route | undefined {
  if (method === 'GET' && path.startsWith('/v1/models/')) return singleModel;
  return routes[`${method} ${path}`];
}

function missingJson(context: RouteContext): string | undefined {
  return context.hasBody ? undefined : 'We could not parse the JSON body of your request.';
}

function required(context: RouteContext, fields: string[], message: (field: string) => string): string | undefined {
  const missing = fields.find((field) => context.body[field] === undefined || context.body[field] === null);
  return missing === undefined ? undefined : message(missing);
}

function anthropicVersion(context: RouteContext): string | undefined {
  return context.headers['anthropic-version'] ? undefined : 'anthropic-version: header is required';
}
