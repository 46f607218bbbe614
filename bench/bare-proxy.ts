// The floor of any Node proxy, for the benchmark: node:http in front, one undici Pool to the upstream behind. The
// request body is streamed upstream as it arrives and the answer streamed back chunk by chunk; nothing is parsed,
// buffered, logged or counted. Only hop-by-hop headers are dropped (RFC 9110 §7.6.1), as any proxy must.
//   node --import tsx bench/bare-proxy.ts --upstream http://127.0.0.1:PORT [--port 0]
// The first line of stdout is the proxy's URL; it serves until SIGTERM or SIGINT.
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

const { values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.upstream) {
  console.error('Usage: node --import tsx bench/bare-proxy.ts --upstream URL [--port N]');
  process.exit(2);
}

const upstream = new Pool(values.upstream, { pipelining: 1, keepAliveTimeout: 60_000 });

const server = createServer((req, res) => {
  // The client went away before the answer ended: stop the upstream request too.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  upstream
    .request({
      method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
      path: req.url ?? '/',
      headers: endToEnd(req.headers),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req,
      signal: abort.signal,
    })
    .then(async ({ statusCode, headers, body }) => {
      res.writeHead(statusCode, endToEnd(headers));
      await pipeline(body, res);
    })
    .catch((error: Error) => {
      if (abort.signal.aborted) return;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream failed: ${error.message}`);
      else res.destroy(error);
    });
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void upstream.close().finally(() => process.exit(0));
  });
}

/** Node's and undici's header objects alike: lower-case names, repeated headers as arrays. */
function endToEnd(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}
