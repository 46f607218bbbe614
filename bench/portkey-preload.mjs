// Loaded into the Portkey gateway with `node --import` by the benchmark (bench/references.ts); two changes, no more.
//
// 1. Portkey 1.15 returns the provider's fetch Response itself for answers it does not transform (a stream in the
//    provider's own protocol) and then appends its x-portkey-* headers to it. A fetch Response's headers are
//    immutable in Node (undici), so on Node 20 to 24 every such answer fails with "TypeError: immutable" and a 500.
//    Each response is re-created here with the same status, headers and body stream: its headers become mutable,
//    its body is not read or copied.
// 2. Portkey's start-up listens on every interface (`listen(port)` with no host). A listen without a host is bound
//    to loopback here, so the benchmark never exposes an open proxy.
import net from 'node:net';

const providerFetch = globalThis.fetch;
globalThis.fetch = async function fetchWithMutableHeaders(input, init) {
  const response = await providerFetch(input, init);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && (args[1] === undefined || typeof args[1] === 'function')) args.splice(1, args[1] === undefined ? 1 : 0, '127.0.0.1');
  return listen.apply(this, args);
};
