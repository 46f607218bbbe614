// A second gateway process for the cross-instance and shutdown tests: the gateway core behind node:http, on the
// same database as the test, with the app's shutdown handling. Prints {"port":N} once its cache listener is
// LISTENing.
import { ensureCacheListener } from '../../lib/gateway';
import { registerGracefulShutdown } from '../../lib/lifecycle/graceful-shutdown';
import { serveGateway } from './serve-gateway';

await ensureCacheListener();
registerGracefulShutdown();
const served = await serveGateway();
console.log(JSON.stringify({ port: Number(new URL(served.url).port) }));
