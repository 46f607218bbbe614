// The stub as its own process for the e2e journeys and the benchmark:
//   tsx test/upstream-stub/serve.ts --port 0 --stream-chunks 100
// The first line of stdout is the base URL (without /v1); it serves until SIGTERM or SIGINT.
// Replies can be scripted from outside through POST /__stub/enqueue (see control.ts).
import { parseArgs } from 'node:util';
import { startUpstreamStub, type UpstreamStubOptions } from './index';

const usage = `Usage: tsx test/upstream-stub/serve.ts [flags]
  --port N                 port to listen on (default 0: a free port)
  --host ADDR              address to bind (default 127.0.0.1)
  --stream-chunks N        the default answer streams in exactly N text chunks
  --text STR               fixed text for the default answer (default: an echo of the last user message)
  --chunk-delay-ms N       pause between stream frames
  --first-byte-delay-ms N  pause before the status line
  --cache-read N           cache-read tokens reported in every usage
  --cache-write N          cache-write tokens reported in every usage
  --models a,b             ids served by GET /v1/models
  --api-key KEY            require this provider key (Bearer or x-api-key)
  --max-recorded N         requests kept for GET /__stub/requests (default 1000)
  --no-control             do not serve the /__stub/ control endpoints`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'stream-chunks': { type: 'string' },
    text: { type: 'string' },
    'chunk-delay-ms': { type: 'string' },
    'first-byte-delay-ms': { type: 'string' },
    'cache-read': { type: 'string' },
    'cache-write': { type: 'string' },
    models: { type: 'string' },
    'api-key': { type: 'string' },
    'max-recorded': { type: 'string', default: '1000' },
    'no-control': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

function count(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${flag} expects a whole number ≥ 0, got "${raw}"\n\n${usage}`);
    process.exit(2);
  }
  return value;
}

const options: UpstreamStubOptions = {
  port: count('port', values.port),
  host: values.host,
  streamChunks: count('stream-chunks', values['stream-chunks']),
  text: values.text,
  delivery: {
    chunkDelayMs: count('chunk-delay-ms', values['chunk-delay-ms']),
    firstByteDelayMs: count('first-byte-delay-ms', values['first-byte-delay-ms']),
  },
  usage: { cacheRead: count('cache-read', values['cache-read']), cacheWrite: count('cache-write', values['cache-write']) },
  models: values.models?.split(',').map((model) => model.trim()).filter(Boolean),
  apiKey: values['api-key'],
  maxRecorded: count('max-recorded', values['max-recorded']),
  control: !values['no-control'],
};

const stub = await startUpstreamStub(options);
console.log(stub.url);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void stub.close().finally(() => process.exit(0));
  });
}
