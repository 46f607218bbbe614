import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A "provider" run by whoever edits providers: a real HTTP server on loopback that records everything it
// receives (to prove a key never reaches it) and answers what the test scripts, such as bodies of shapes no
// provider sends. It also plays an internal service (a metadata endpoint) that a provider URL was pointed at.

export type HostileRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

export type HostileReply = { status: number; contentType: string; body: string | Buffer };

export type HostileUpstream = {
  url: string;
  readonly requests: readonly HostileRequest[];
  /** Every later request gets this answer (default: 200, an OpenAI model list). */
  answer(reply: HostileReply): void;
  /** Everything received, headers and bodies, as one text: what a key search looks through. */
  everythingReceived(): string;
  reset(): void;
  close(): Promise<void>;
};

const MODEL_LIST: HostileReply = { status: 200, contentType: 'application/json', body: JSON.stringify({ object: 'list', data: [{ id: 'stolen', object: 'model' }] }) };

export async function startHostileUpstream(): Promise<HostileUpstream> {
  const requests: HostileRequest[] = [];
  let reply = MODEL_LIST;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (next) => void (reply = next),
    everythingReceived: () => requests.map((request) => `${request.method} ${request.path}\n${JSON.stringify(request.headers)}\n${request.body}`).join('\n'),
    reset: () => {
      requests.length = 0;
      reply = MODEL_LIST;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, { status, contentType, body }: HostileReply): void {
  res.writeHead(status, { 'content-type': contentType }).end(body);
}
