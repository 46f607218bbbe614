// A second gateway process for the cross-instance tests: the gateway core behind node:http, on the same
// database as the test. Prints {"port":N} once its cache listener is LISTENing.
import { ensureCacheListener } from '../../lib/gateway';
import { serveGateway } from './serve-gateway';

await ensureCacheListener();
const served = await serveGateway();
console.log(JSON.stringify({ port: Number(new URL(served.url).port) }));
