import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { processLogger } from '../log';

// Serves a web `Request → Response` handler on a node:http request without a framework in between: the request
// body is handed over as a stream the handler reads only if and as far as it wants (so a caller without a valid
// token is answered before a byte of a huge body is read, and the handler enforces its own size limit), and the
// answer is written as it is read, with back-pressure, so a stream reaches the client chunk by chunk. A client that
// goes away aborts the request's signal and cancels the answer's body.

export type WebHandler = (request: Request) => Promise<Response>;

export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler): Promise<void> {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Response;
  try {
    response = await handler(toWebRequest(req, controller.signal));
  } catch (error) {
    if (controller.signal.aborted) return;
    processLogger.error({ err: error, method: req.method }, 'request failed before an answer');
    response = new Response('Internal Server Error', { status: 500 });
  }
  // A body the handler did not read whole (refused as too large) would otherwise stall this keep-alive socket.
  if (!req.complete) res.shouldKeepAlive = false;
  await writeWebResponse(res, response, controller.signal);
}

function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(url, { method: req.method, headers, body, signal, duplex: 'half' } as RequestInit);
}

async function writeWebResponse(res: ServerResponse, response: Response, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const body = response.body;
  try {
    if (!body) res.end();
    // A whole answer goes out in one write with its length; only event streams are relayed as they come.
    else if (!response.headers.get('content-type')?.startsWith('text/event-stream')) res.end(Buffer.from(await response.arrayBuffer()));
    else await relayStream(res, body, signal);
  } catch {
    // The answer's body failed after the status was set: cutting the connection tells the client it is incomplete.
    res.destroy();
  }
}

/**
 * Writes the stream's chunks as they come. Chunks that are ready in the same turn of the event loop (several upstream
 * events read at once) leave in one socket write: the response is corked at the first and uncorked once the turn
 * is over, which costs no waiting but saves a system call per chunk.
 */
async function relayStream(res: ServerResponse, body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return void res.end();
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      if (!res.write(value) && !signal.aborted) await waitForDrain(res, signal);
      if (signal.aborted) return;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function waitForDrain(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
