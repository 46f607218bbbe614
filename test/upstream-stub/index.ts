// A real HTTP provider on loopback for tests and the benchmark: OpenAI Chat Completions and Anthropic Messages,
// plain and streamed, scripted per request, with every request recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerControl } from './control';
import { RequestLog } from './request-log';
import { handleExchange, type StubState } from './server';
import type { Delivery, RecordedRequest, ReplyHandler, ScriptedReply, UsageCounts } from './types';

export type * from './types';

export type UpstreamStubOptions = {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** Consulted for each request the queue has no reply for; undefined falls back to the default answer. */
  handler?: ReplyHandler;
  /** The default answer's text; otherwise an echo of the last user message. */
  text?: string;
  /** The default answer streams in exactly this many text chunks (the benchmark uses 100). */
  streamChunks?: number;
  /** Merged over the estimated counts of every answer, e.g. `{ cacheRead: 20 }`. */
  usage?: Partial<UsageCounts>;
  /** Applied to every reply, under the reply's own delivery. */
  delivery?: Delivery;
  /** Served by GET /v1/models. */
  models?: string[];
  /** When set, requests must carry it (`Authorization: Bearer` for OpenAI paths, `x-api-key` for Anthropic). */
  apiKey?: string;
  /** Keep only the latest N requests (a long benchmark would otherwise grow without bound). */
  maxRecorded?: number;
  /** Serve the /__stub/ control endpoints. */
  control?: boolean;
};

export type UpstreamStub = {
  /** `http://127.0.0.1:PORT`, without `/v1`. */
  url: string;
  port: number;
  /** Every request received so far, in order (control requests excluded). */
  readonly requests: readonly RecordedRequest[];
  /** Queues replies, used in order by the requests they match. */
  enqueue: (...replies: ScriptedReply[]) => void;
  /** Replaces the per-request handler (undefined removes it). */
  handle: (handler: ReplyHandler | undefined) => void;
  /** Replies still queued. */
  pendingReplies: () => number;
  /** Each call returns the next request in arrival order, waiting for it if needed. */
  nextRequest: (timeoutMs?: number) => Promise<RecordedRequest>;
  waitForRequest: (match: (request: RecordedRequest) => boolean, timeoutMs?: number) => Promise<RecordedRequest>;
  /** The first request whose client closed the connection before the response finished. */
  waitForAbort: (timeoutMs?: number) => Promise<RecordedRequest>;
  /** Forgets queued replies, the handler and recorded requests. */
  reset: () => void;
  /** Answers being written right now, and the most at once since the start (or the last reset of the peak). */
  concurrency: () => { open: number; peak: number };
  resetPeak: () => void;
  close: () => Promise<void>;
};

export async function startUpstreamStub(options: UpstreamStubOptions = {}): Promise<UpstreamStub> {
  const log = new RequestLog(options.maxRecorded);
  const state: StubState = {
    log,
    queue: [],
    handler: options.handler,
    defaults: { text: options.text, streamChunks: options.streamChunks, usage: options.usage },
    delivery: options.delivery ?? {},
    models: options.models ?? ['gpt-4o-mini', 'claude-haiku-4-5'],
    apiKey: options.apiKey,
    requestCount: 0,
    answerCount: 0,
  };

  const load = { open: 0, peak: 0 };
  const stub: Omit<UpstreamStub, 'url' | 'port' | 'close'> = {
    get requests() {
      return log.entries;
    },
    enqueue: (...replies) => void state.queue.push(...replies),
    handle: (handler) => void (state.handler = handler),
    pendingReplies: () => state.queue.length,
    nextRequest: (timeoutMs) => log.next(timeoutMs),
    waitForRequest: (match, timeoutMs) => log.waitFor(match, timeoutMs),
    waitForAbort: (timeoutMs) => log.waitForAbort(timeoutMs),
    reset: () => {
      state.queue.length = 0;
      state.handler = options.handler;
      log.clear();
    },
    concurrency: () => ({ ...load }),
    resetPeak: () => void (load.peak = load.open),
  };

  const server = createServer((req, res) => {
    void serveRequest(req, res).catch((error: unknown) => {
      console.error('upstream stub: request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"stub failure"}');
      else res.destroy();
    });
  });

  async function serveRequest(req: IncomingMessage, res: ServerResponse) {
    const rawBody = await readBody(req);
    if (rawBody === undefined) return;
    const path = new URL(req.url ?? '/', 'http://upstream-stub').pathname;
    if (options.control && path.startsWith('/__stub/')) {
      const answer = answerControl(stub, req.method ?? 'GET', path, rawBody);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      return;
    }
    load.open++;
    load.peak = Math.max(load.peak, load.open);
    res.once('close', () => load.open--);
    await handleExchange(state, req, res, rawBody);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return Object.assign(stub, {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // In-flight streams and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  });
}

/** The whole body as text; undefined when the client went away before sending it all. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
    req.on('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}
