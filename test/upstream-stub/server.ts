// One exchange from start to end: read and record the request, pick its reply, and deliver it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicFormat } from './anthropic-format';
import type { CompletionDefaults } from './completion';
import { customFrame } from './frames';
import { findRoute, type Route, type RouteContext } from './routes';
import { openAiFormat } from './openai-format';
import type { RequestLog } from './request-log';
import type { Delivery, ReplyHandler, ScriptedReply } from './types';
import { deliver, pause, type Connection, type Outgoing } from './writer';

export type StubState = {
  log: RequestLog;
  queue: ScriptedReply[];
  handler: ReplyHandler | undefined;
  defaults: CompletionDefaults;
  delivery: Delivery;
  models: string[];
  apiKey: string | undefined;
  requestCount: number;
  answerCount: number;
};

type Exchange = {
  route: Route | undefined;
  context: RouteContext;
  connection: Connection;
  requestId: string;
};

export async function handleExchange(state: StubState, req: IncomingMessage, res: ServerResponse, rawBody: string) {
  const url = new URL(req.url ?? '/', 'http://upstream-stub');
  const body = parseObject(rawBody);
  const seq = ++state.requestCount;
  const { record, settle } = state.log.add({
    seq,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
    rawBody,
    receivedAt: Date.now(),
  });

  const controller = new AbortController();
  let hungUp = false;
  res.on('close', () => {
    const outcome = res.writableFinished ? 'finished' : hungUp ? 'hung-up' : 'aborted';
    if (outcome !== 'finished') controller.abort();
    settle(outcome);
  });
  const connection: Connection = {
    res,
    signal: controller.signal,
    hangUp: () => {
      hungUp = true;
      res.socket?.destroy();
    },
    onHeaders: (status) => (record.status = status),
  };

  const exchange: Exchange = {
    route: findRoute(record.method, record.path),
    context: {
      body: body ?? {},
      hasBody: body !== undefined,
      headers: req.headers,
      path: record.path,
      models: state.models,
      defaults: state.defaults,
      nextAnswerSeq: () => ++state.answerCount,
    },
    connection,
    requestId: `req_stub${String(seq).padStart(6, '0')}`,
  };
  const reply = refusal(state, exchange) ?? takeQueued(state, record.path) ?? (await state.handler?.(record));
  await perform(state, exchange, reply ?? { kind: 'completion' });
}

/** What a real provider refuses before any scripted behaviour: a wrong key, an unknown path, an invalid body. */
function refusal(state: StubState, exchange: Exchange): ScriptedReply | undefined {
  const { route, context } = exchange;
  if (!route) return { kind: 'error', status: 404, message: `Unknown request URL: ${context.path}` };
  if (state.apiKey !== undefined && !carriesKey(route, context, state.apiKey)) return { kind: 'error', status: 401 };
  const problem = route.validate(context);
  return problem === undefined ? undefined : { kind: 'error', status: 400, message: problem };
}

function carriesKey(route: Route, context: RouteContext, apiKey: string): boolean {
  const bearer = context.headers.authorization === `Bearer ${apiKey}`;
  const xApiKey = context.headers['x-api-key'] === apiKey;
  if (route.auth === 'bearer') return bearer;
  if (route.auth === 'x-api-key') return xApiKey;
  return bearer || xApiKey;
}

function takeQueued(state: StubState, path: string): ScriptedReply | undefined {
  const index = state.queue.findIndex((reply) => reply.path === undefined || reply.path === path);
  return index === -1 ? undefined : state.queue.splice(index, 1)[0];
}

async function perform(state: StubState, exchange: Exchange, reply: ScriptedReply) {
  const { connection, requestId } = exchange;
  const format = exchange.route?.format ?? (exchange.context.path.startsWith('/v1/messages') ? anthropicFormat : openAiFormat);
  const delivery = { ...state.delivery, ...reply.delivery };
  const send = (outgoing: Omit<Outgoing, 'delivery' | 'headers'>, headers: Record<string, string> = {}) =>
    deliver(connection, { ...outgoing, delivery, headers: { [format.requestIdHeader]: requestId, ...headers } });

  switch (reply.kind) {
    case 'completion': {
      if (!exchange.route) return;
      return send(exchange.route.answer(exchange.context, reply));
    }
    case 'error': {
      const body = format.errorBody(reply, requestId);
      const retryAfter: Record<string, string> = reply.retryAfter === undefined ? {} : { 'retry-after': String(reply.retryAfter) };
      const frames = [{ kind: 'end' as const, text: JSON.stringify(body) }];
      return send({ status: reply.status, streaming: false, frames }, { ...retryAfter, ...reply.headers });
    }
    case 'sse': {
      const frames = reply.events.map((event) => ({ kind: 'delta' as const, text: customFrame(event) }));
      return send({ status: reply.status ?? 200, streaming: true, frames }, reply.headers);
    }
    case 'raw': {
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return send({ status: reply.status ?? 200, streaming: false, frames: [{ kind: 'end', text }] }, reply.headers);
    }
    case 'hang-up': {
      if (await pause(reply.delayMs ?? 0, connection.signal)) connection.hangUp();
      return;
    }
  }
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
