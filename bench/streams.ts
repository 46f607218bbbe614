// `npm run load`: thousands of long concurrent streams through one production instance, against the same number
// straight to the provider stub. Reports, per scenario: failed streams, streams complete and equal to the direct
// run's answer, the concurrency the provider saw, how long the last stream waited for its first byte, and the
// server's peak RSS. Then relays one huge SSE event and one huge JSON answer, timed against the stub directly, and
// checks that every gateway request left one usage row. Loopback only; bounded in time like the benchmark.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { countUsageRows, createThrowawayDatabase } from './database';
import { runHarnessed, type Harness } from './harness';
import { seedGateway } from './seed';

const USAGE = `Usage: npm run load -- [flags]
  --streams N           concurrent streams per scenario (default 2000)
  --stream-seconds N    how long each stream lasts (default 10)
  --big-event-mib N     size of the one huge SSE event (default 20)
  --big-answer-mib N    size of the one huge non-streaming answer (default 50)
  --reuse-build         do not rebuild when sources are newer than the build
  --postgres URL        PostgreSQL server for the throwaway database (default BENCH_POSTGRES_URL or the local one)
  --max-run-seconds N   stop everything after this long (default: the planned time plus five minutes)`;

type LoadOptions = {
  streams: number;
  streamSeconds: number;
  bigEventMiB: number;
  bigAnswerMiB: number;
  reuseBuild: boolean;
  postgresUrl: string;
  maxRunSeconds: number;
};

const STREAM_CHUNKS = 20;
const resultsDir = path.join(import.meta.dirname, 'results');
const PROVIDER_KEY = `sk-load-${randomBytes(8).toString('hex')}`;

const options = readOptions();
await runHarnessed('load', (harness) => load(harness, options));

type StreamRun = {
  scenario: string;
  streams: number;
  failed: number;
  /** Ended as their protocol says, with the same text as the direct run. */
  complete: number;
  upstreamPeakConcurrency: number;
  /** The longest wait for a first byte: how long the last stream to start waited. */
  slowestFirstByteMs: number;
  wallMs: number;
  serverPeakRssMiB: number | null;
  errorSamples: string[];
};

async function load(harness: Harness, options: LoadOptions): Promise<number> {
  const { log } = harness;
  await mkdir(resultsDir, { recursive: true });
  const build = await harness.ensureBuild({ rebuildWhenStale: !options.reuseBuild });
  harness.limitTo(options.maxRunSeconds);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-load-'));
  harness.onCleanUp(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
  const database = await createThrowawayDatabase(options.postgresUrl);
  harness.onCleanUp(`drop database ${database.name}`, () => database.drop());

  const chunkDelayMs = Math.round((options.streamSeconds * 1000) / STREAM_CHUNKS);
  const stubArgs = ['--stream-chunks', String(STREAM_CHUNKS), '--chunk-delay-ms', String(chunkDelayMs), '--api-key', PROVIDER_KEY, '--max-recorded', '20'];
  const { url: stubUrl } = await harness.startStub(stubArgs, path.join(resultsDir, 'load-stub.log'));
  const { process: server, url: serverUrl, adminPassword } = await harness.startServer({
    build,
    script: build.standaloneServer,
    databaseUrl: database.url,
    dataDir: path.join(workDir, 'data'),
    logPath: path.join(resultsDir, 'load-server.log'),
  });
  const seed = await seedGateway({ baseUrl: serverUrl, adminPassword, stubUrl, providerKey: PROVIDER_KEY, fetch: harness.fetch });
  log(`server at ${serverUrl} (pid ${server.pid}), stub at ${stubUrl}; ${options.streams} streams of ${options.streamSeconds} s per scenario`);

  const clients = new Agent({ connections: null, keepAliveTimeout: 2_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
  harness.onCleanUp('close the client connections', () => clients.destroy());
  const messages = [{ role: 'user', content: 'hello load' }];
  const upstreamChat = (model: string) => ({
    url: `${stubUrl}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PROVIDER_KEY}` },
    body: JSON.stringify({ model, stream: true, stream_options: { include_usage: true }, messages }),
  });
  const gatewayChat = (model: string) => ({
    url: `${serverUrl}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.userToken}` },
    body: JSON.stringify({ model, stream: true, messages }),
  });

  const direct = await runStreams(harness, clients, 'direct to the stub', upstreamChat(seed.openaiUpstreamModel), options.streams, stubUrl, null, null);
  const reference = direct.texts.find((text) => text !== null) ?? '';
  const runs = [
    direct.run,
    (await runStreams(harness, clients, 'gateway, OpenAI → OpenAI (pass-through)', gatewayChat(seed.openaiModel), options.streams, stubUrl, server.pid, reference)).run,
    (await runStreams(harness, clients, 'gateway, OpenAI → Anthropic (converted)', gatewayChat(seed.anthropicModel), options.streams, stubUrl, server.pid, reference)).run,
  ];
  direct.run.complete = direct.texts.filter((text) => text === reference).length;

  const bigEvent = await relayBigEvent(harness, { stubUrl, serverUrl, seed, mib: options.bigEventMiB, serverPid: server.pid });
  const bigAnswer = await relayBigAnswer(harness, { stubUrl, serverUrl, seed, mib: options.bigAnswerMiB, serverPid: server.pid });

  // Rows are written in the background every second: give the recorder a moment.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  // The two stream scenarios, the huge event and the huge answer.
  const gatewayRequests = 2 * options.streams + 2;
  const rows = await countUsageRows(database.url);
  const rowsWritten = Object.values(rows).reduce((total, count) => total + count, 0);

  printReport(runs, bigEvent, bigAnswer, { gatewayRequests, rowsWritten });
  const resultsFile = path.join(resultsDir, 'streams.json');
  await writeFile(resultsFile, `${JSON.stringify({ options, environment: { node: process.version, cpus: os.cpus().length }, runs, bigEvent, bigAnswer, usage: { gatewayRequests, rows } }, null, 2)}\n`);
  log(`raw results in ${path.relative(process.cwd(), resultsFile)}`);
  const failed = runs.some((run) => run.failed > 0 || run.complete !== run.streams) || rowsWritten < gatewayRequests;
  return failed ? 1 : 0;
}

type Target = { url: string; headers: Record<string, string>; body: string };

async function runStreams(
  harness: Harness,
  clients: Agent,
  scenario: string,
  target: Target,
  streams: number,
  stubUrl: string,
  serverPid: number | null,
  reference: string | null,
): Promise<{ run: StreamRun; texts: (string | null)[] }> {
  harness.log(`${scenario}: ${streams} streams…`);
  await harness.fetch(`${stubUrl}/__stub/concurrency/reset`, { method: 'POST' });
  if (serverPid !== null) await resetPeakRss(serverPid);
  const startedAt = performance.now();
  const errorSamples: string[] = [];
  let slowestFirstByteMs = 0;
  const texts = await Promise.all(
    Array.from({ length: streams }, async () => {
      const sentAt = performance.now();
      try {
        const response = await request(target.url, { method: 'POST', headers: target.headers, body: target.body, dispatcher: clients, signal: harness.signal });
        let raw = '';
        let first = true;
        for await (const chunk of response.body) {
          if (first) slowestFirstByteMs = Math.max(slowestFirstByteMs, performance.now() - sentAt);
          first = false;
          raw += (chunk as Buffer).toString('utf8');
        }
        if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${raw.slice(0, 200)}`);
        return assembleOpenAIText(raw);
      } catch (error) {
        if (errorSamples.length < 5) errorSamples.push((error as Error).message);
        return null;
      }
    }),
  );
  const concurrency = JSON.parse((await harness.fetch(`${stubUrl}/__stub/concurrency`, {})).body) as { peak: number };
  const run: StreamRun = {
    scenario,
    streams,
    failed: texts.filter((text) => text === null).length,
    complete: reference === null ? 0 : texts.filter((text) => text === reference).length,
    upstreamPeakConcurrency: concurrency.peak,
    slowestFirstByteMs: Math.round(slowestFirstByteMs),
    wallMs: Math.round(performance.now() - startedAt),
    serverPeakRssMiB: serverPid === null ? null : await readPeakRssMiB(serverPid),
    errorSamples,
  };
  return { run, texts };
}

/** The text an OpenAI client assembles, or null when the stream did not end with its finish and [DONE]. */
function assembleOpenAIText(raw: string): string | null {
  let text = '';
  let finished = false;
  let done = false;
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice(6);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data) as { error?: unknown; choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[] };
    if (chunk.error) return null;
    const choice = chunk.choices?.[0];
    text += choice?.delta?.content ?? '';
    if (choice?.finish_reason) finished = true;
  }
  return finished && done ? text : null;
}

type RelayTiming = { mib: number; directMs: number; gatewayMs: number; ratio: number; serverPeakRssMiB: number | null; intact: boolean };

type RelayInput = { stubUrl: string; serverUrl: string; seed: Awaited<ReturnType<typeof seedGateway>>; mib: number; serverPid: number };

/** One SSE event of `mib` MiB, straight from the stub and through the gateway (pass-through). */
async function relayBigEvent(harness: Harness, input: RelayInput): Promise<RelayTiming> {
  const content = 'x'.repeat(input.mib * 1024 * 1024);
  const event = (model: string) => ({
    kind: 'sse',
    events: [
      { data: { id: 'big', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] } },
      { data: { id: 'big', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
      'data: [DONE]\n\n',
    ],
  });
  return timeRelay(harness, input, event, true, (body) => assembleOpenAIText(body)?.length === content.length);
}

/** One non-streaming JSON answer of `mib` MiB, straight from the stub and through the gateway (pass-through). */
async function relayBigAnswer(harness: Harness, input: RelayInput): Promise<RelayTiming> {
  const content = 'y'.repeat(input.mib * 1024 * 1024);
  const answer = (model: string) => ({
    kind: 'raw',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'big',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1000, total_tokens: 1003 },
    }),
  });
  return timeRelay(harness, input, answer, false, (body) => body.length > content.length && body.endsWith('}'));
}

async function timeRelay(
  harness: Harness,
  input: RelayInput,
  reply: (model: string) => unknown,
  stream: boolean,
  isIntact: (body: string) => boolean,
): Promise<RelayTiming> {
  const enqueue = (model: string) => harness.fetch(`${input.stubUrl}/__stub/enqueue`, { method: 'POST', body: JSON.stringify(reply(model)) });
  const chat = (url: string, model: string, authorization: string) =>
    harness.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'big' }] }),
    }, 300_000);
  await enqueue(input.seed.openaiUpstreamModel);
  let startedAt = performance.now();
  const direct = await chat(`${input.stubUrl}/v1/chat/completions`, input.seed.openaiUpstreamModel, `Bearer ${PROVIDER_KEY}`);
  const directMs = performance.now() - startedAt;
  await enqueue(input.seed.openaiUpstreamModel);
  await resetPeakRss(input.serverPid);
  startedAt = performance.now();
  const through = await chat(`${input.serverUrl}/v1/chat/completions`, input.seed.openaiModel, `Bearer ${input.seed.userToken}`);
  const gatewayMs = performance.now() - startedAt;
  return {
    mib: input.mib,
    directMs: Math.round(directMs),
    gatewayMs: Math.round(gatewayMs),
    ratio: Number((gatewayMs / directMs).toFixed(2)),
    serverPeakRssMiB: await readPeakRssMiB(input.serverPid),
    intact: direct.status === 200 && through.status === 200 && isIntact(direct.body) && isIntact(through.body),
  };
}

/** Starts a new peak for VmHWM (Linux: writing 5 to clear_refs resets a process's peak resident set). */
async function resetPeakRss(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}

async function readPeakRssMiB(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

function printReport(runs: StreamRun[], bigEvent: RelayTiming, bigAnswer: RelayTiming, usage: { gatewayRequests: number; rowsWritten: number }): void {
  console.log('');
  console.log(`Load: node ${process.version}, ${os.cpus().length} CPUs (shared)`);
  console.table(
    runs.map((run) => ({
      scenario: run.scenario,
      streams: run.streams,
      failed: run.failed,
      complete: run.complete,
      'upstream peak': run.upstreamPeakConcurrency,
      'slowest first byte ms': run.slowestFirstByteMs,
      'wall ms': run.wallMs,
      'server peak RSS MiB': run.serverPeakRssMiB ?? '–',
    })),
  );
  for (const run of runs.filter((candidate) => candidate.errorSamples.length > 0)) console.log(`${run.scenario} errors: ${run.errorSamples.join(' | ')}`);
  for (const [name, timing] of [['one huge SSE event', bigEvent], ['one huge JSON answer', bigAnswer]] as const) {
    console.log(
      `${name} (${timing.mib} MiB): direct ${timing.directMs} ms, through the gateway ${timing.gatewayMs} ms (×${timing.ratio}), server peak RSS ${timing.serverPeakRssMiB ?? '–'} MiB, ${timing.intact ? 'intact' : 'NOT INTACT'}`,
    );
  }
  console.log(`Usage rows: ${usage.rowsWritten} written for ${usage.gatewayRequests} gateway requests`);
  console.log('');
}

function readOptions(): LoadOptions {
  const { values } = parseArgs({
    options: {
      streams: { type: 'string', default: '2000' },
      'stream-seconds': { type: 'string', default: '10' },
      'big-event-mib': { type: 'string', default: '20' },
      'big-answer-mib': { type: 'string', default: '50' },
      'reuse-build': { type: 'boolean', default: false },
      postgres: { type: 'string' },
      'max-run-seconds': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (flag: string, raw: string, min: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      console.error(`--${flag} expects a whole number ≥ ${min}, got "${raw}"\n\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const streamSeconds = whole('stream-seconds', values['stream-seconds'], 1);
  return {
    streams: whole('streams', values.streams, 1),
    streamSeconds,
    bigEventMiB: whole('big-event-mib', values['big-event-mib'], 1),
    bigAnswerMiB: whole('big-answer-mib', values['big-answer-mib'], 1),
    reuseBuild: values['reuse-build'],
    postgresUrl: values.postgres ?? process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    maxRunSeconds: values['max-run-seconds'] ? whole('max-run-seconds', values['max-run-seconds'], 10) : 3 * streamSeconds * 4 + 300,
  };
}
