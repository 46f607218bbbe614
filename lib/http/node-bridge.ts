import type { IncomingMessage, ServerResponse } from 'node:http';

// Serves a web `Request → Response` handler on a node:http request without a framework in between: the request
// body is collected as Node buffers (capped), and the answer is written as it is read, with back-pressure, so a
// stream reaches the client chunk by chunk. A client that goes away aborts the request's signal and cancels the
// answer's body.

export type WebHandler = (request: Request) => Promise<Response>;

export type BridgeOptions = {
  /** Bytes of request body kept at most; one more byte is passed on so the handler can refuse it (413). */
  maxBodyBytes: number;
};

export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler, options: BridgeOptions): Promise<void> {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Response;
  try {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readCappedBody(req, options.maxBodyBytes + 1);
    response = await handler(toWebRequest(req, body, controller.signal));
  } catch (error) {
    if (controller.signal.aborted) return;
    console.error('[axongate] request failed before an answer:', error);
    response = new Response('Internal Server Error', { status: 500 });
  }
  // A body the handler did not read whole (refused as too large) would otherwise stall this keep-alive socket.
  if (!req.complete) res.shouldKeepAlive = false;
  await writeWebResponse(res, response, controller.signal);
}

function toWebRequest(req: IncomingMessage, body: Uint8Array<ArrayBuffer> | undefined, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  return new Request(url, { method: req.method, headers, body, signal });
}

/** Resolves with the body, or with its first `limit` bytes when it is longer (the rest is left unread). */
function readCappedBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      req.off('data', onData).off('end', finish).off('error', reject);
      // Node's buffers sit on plain (never shared) ArrayBuffers.
      resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)) as Uint8Array<ArrayBuffer>);
    };
    const onData = (chunk: Buffer) => {
      const room = limit - size;
      chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.byteLength, room);
      if (size >= limit) {
        req.pause();
        finish();
      }
    };
    req.on('data', onData).on('end', finish).on('error', reject);
  });
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

async function relayStream(res: ServerResponse, body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return void res.end();
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
