// The production server, copied next to Next's standalone server.js by the build step and run by `npm start`.
// One node:http server: model requests (/v1/*) go straight to the gateway core, which the app's instrumentation
// hands over once the app is ready (lib/server/start-server.ts); everything else goes to Next's request
// handler, exactly as Next's own standalone server.js would serve it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = import.meta.dirname;
process.env.NODE_ENV = 'production';
process.chdir(dir);

const port = Number.parseInt(process.env.PORT ?? '', 10) || 3000;
const hostname = process.env.HOSTNAME || '0.0.0.0';
const keepAliveTimeout = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? '', 10);

// What Next's generated server.js embeds: the build's resolved config, which tells Next it runs standalone.
const { config } = JSON.parse(readFileSync(path.join(dir, '.next', 'required-server-files.json'), 'utf8'));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);

const require = createRequire(path.join(dir, 'server.js'));
const next = require('next');
const app = next({ dev: false, dir, hostname, port, conf: config });
await app.prepare();
const nextHandler = app.getRequestHandler();

// Next runs the app's instrumentation (which publishes the listener) when it handles its first request; until
// then /v1 requests take Next's own route handlers, which serve the same core.
const LISTENER_KEY = Symbol.for('axongate.gatewayNodeListener');
let gatewayListener;

// What no client sends and Next cannot take (it throws, a 500): refused here, in JSON, before anything else runs.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const VALID_HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A JSON error both client protocols read (message and type under `error`) and the admin API's code and message. */
function refuse(res, status, message, headers = {}) {
  const body = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message }, code: status, message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }).end(body);
}

// Set by the app's listener from the socket (lib/http/client-address.ts); a client's own value never passes.
const CLIENT_ADDRESS_HEADER = 'x-axongate-client-address';

const server = http.createServer((req, res) => {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (req.headers.host !== undefined && !VALID_HOST.test(req.headers.host)) return refuse(res, 400, 'Invalid Host header');
  gatewayListener ??= globalThis[LISTENER_KEY];
  if (!METHODS.has(req.method)) return refuse(res, 405, `${req.method} is not allowed`, { allow: [...METHODS].join(', ') });
  if (gatewayListener?.(req, res)) return;
  nextHandler(req, res).catch((error) => {
    console.error(`[axongate] failed to handle ${req.method} ${req.url}:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
if (Number.isFinite(keepAliveTimeout) && keepAliveTimeout >= 0) server.keepAliveTimeout = keepAliveTimeout;

// A stop signal closes the listening socket, so a load balancer's next connection goes to another instance: at once,
// or after AXONGATE_SHUTDOWN_DRAIN_MS, during which health answers 503 and requests are still served (a balancer that
// checks health stops choosing this instance without a single refused connection). The app itself
// (lib/server/graceful-shutdown.ts) lets running requests finish, writes the usage rows and exits.
// Before the app has started there is nothing to drain: exit at once.
const drainMs = Number.parseInt(process.env.AXONGATE_SHUTDOWN_DRAIN_MS ?? '', 10) || 0;
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) {
  process.once(signal, () => {
    setTimeout(() => server.close(), drainMs);
    if (process.listenerCount(signal) === 0) process.exit(code);
  });
}
server.on('upgrade', app.getUpgradeHandler());
// node:http hands CONNECT to this event instead of the request handler; this is no proxy.
server.on('connect', (_req, socket) => {
  const body = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'CONNECT is not allowed' }, code: 405, message: 'CONNECT is not allowed' });
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
});
server.listen(port, hostname, () => {
  console.log(`[axongate] listening on http://${hostname}:${port}`);
  // Starts the app at once (migrations, admin user, the /v1 listener) instead of on the first visitor's request.
  const selfHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  http
    .get({ host: selfHost, port, path: '/api/health' }, (res) => res.resume())
    .on('error', (error) => console.warn(`[axongate] start-up request failed: ${error.message}`));
});
