// A second gateway process for the cross-instance and shutdown tests: the production runtime's gateway behind
// node:http, on the same database as the test, with the app's shutdown handling. Prints {"port":N} once its cache
// listener is LISTENing.
import { registerGracefulShutdown } from '../../lib/server/graceful-shutdown';
import { serverRuntime } from '../../lib/server/runtime';
import { serveGateway } from './serve-gateway';

const runtime = serverRuntime();
await runtime.invalidation.start();
registerGracefulShutdown(runtime);
const served = await serveGateway(runtime.gateway);
console.log(JSON.stringify({ port: Number(new URL(served.url).port) }));
