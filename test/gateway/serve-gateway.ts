// The gateway core behind a plain node:http server, so real HTTP clients (the official SDKs, a second process)
// can talk to it the way they talk to the app's /v1 routes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  handleChatCompletions,
  handleCountTokens,
  handleEmbeddings,
  handleMessages,
  handleModels,
  handleResponses,
} from '../../lib/gateway';

const ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  'POST /v1/chat/completions': handleChatCompletions,
  'POST /v1/messages': handleMessages,
  'POST /v1/messages/count_tokens': handleCountTokens,
  'POST /v1/embeddings': handleEmbeddings,
  'POST /v1/responses': handleResponses,
  'GET /v1/models': handleModels,
};

export type ServedGateway = { url: string; close: () => Promise<void> };

export async function serveGateway(): Promise<ServedGateway> {
  const server: Server = createServer((req, res) => {
    const controller = new AbortController();
    // Like Next: the request's signal fires when the client goes away before the answer is complete.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const handler = ROUTES[`${req.method} ${url.pathname}`];
      if (!handler) return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined, signal: controller.signal });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
