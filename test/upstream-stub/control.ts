// `/__stub/*`: scripting a stub that runs in another process (the e2e journeys and the benchmark start it with
// serve.ts). POST /__stub/enqueue takes one reply or an array, GET /__stub/requests lists what was received,
// POST /__stub/reset forgets both; GET /__stub/concurrency tells the answers open now and the peak,
// POST /__stub/concurrency/reset starts a new peak.
import type { RecordedRequest, ScriptedReply } from './types';

export type Controllable = {
  enqueue: (...replies: ScriptedReply[]) => void;
  reset: () => void;
  requests: readonly RecordedRequest[];
  concurrency: () => { open: number; peak: number };
  resetPeak: () => void;
};

const replyKinds = new Set(['completion', 'error', 'sse', 'raw', 'hang-up']);

export function answerControl(stub: Controllable, method: string, path: string, rawBody: string) {
  if (method === 'POST' && path === '/__stub/enqueue') {
    const replies = parseReplies(rawBody);
    if (!replies) return { status: 400, body: { error: 'expected a scripted reply or an array of them' } };
    stub.enqueue(...replies);
    return { status: 200, body: { queued: replies.length } };
  }
  if (method === 'GET' && path === '/__stub/requests') {
    // JSON.stringify drops the `settled` promise's contents anyway; leave it out explicitly.
    return { status: 200, body: stub.requests.map((request) => ({ ...request, settled: undefined })) };
  }
  if (method === 'GET' && path === '/__stub/concurrency') return { status: 200, body: stub.concurrency() };
  if (method === 'POST' && path === '/__stub/concurrency/reset') {
    stub.resetPeak();
    return { status: 200, body: stub.concurrency() };
  }
  if (method === 'POST' && path === '/__stub/reset') {
    stub.reset();
    return { status: 200, body: { reset: true } };
  }
  return { status: 404, body: { error: `no control endpoint ${method} ${path}` } };
}

function parseReplies(raw: string): ScriptedReply[] | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    return list.every(isReply) ? list : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the discriminant only: the rest of a reply is trusted test input, the same as in-process. */
function isReply(value: unknown): value is ScriptedReply {
  return typeof value === 'object' && value !== null && 'kind' in value && replyKinds.has(String(value.kind));
}
