// `npm run bench`: builds the production app if needed, starts the stub upstream and the standalone server on a
// throwaway database, seeds them through the admin API, measures the five scenarios (see README.md) and prints
// the table and ratios; raw results go to bench/results/latest.json. Everything it started is stopped and the
// database dropped on success, failure, Ctrl-C or when its time limit runs out.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { countUsageRows, createThrowawayDatabase } from './database';
import { measureScenarios, type Measurement } from './measure';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { findFreePort } from '../test/helpers/free-port';
import { readLogTail, startProcess, type BenchProcess } from './processes';
import {
  compareTallies,
  formatProfileComparison,
  nameProfileNodes,
  readCpuProfile,
  summarizeTally,
  tallyCpuProfile,
  type ProfileComparison,
  type ProfileSummary,
} from './profile-summary';
import { computeRatios, formatRatios, formatTable } from './report';
import { floorScenario, gatewayScenarios, STREAM_CHUNKS, stubScenarios, type Scenario } from './scenarios';
import { seedGateway } from './seed';

/** scripts/production-build.mjs, typed at this boundary (the project compiles no JavaScript). */
type ProductionBuild = {
  root: string;
  standaloneDir: string;
  standaloneServer: string;
  nextStandaloneServer: string;
  ensureProductionBuild(options: { rebuildWhenStale?: boolean; env?: NodeJS.ProcessEnv; onChild?: (child: ChildProcess) => void }): Promise<void>;
};

const benchDir = import.meta.dirname;
const root = path.resolve(benchDir, '..');
const resultsDir = path.join(benchDir, 'results');
const BUILD_TIME_LIMIT_MS = 20 * 60_000;
// Start-up generates a 3072-bit vault key and hashes the admin password: slow on a busy two-core machine.
const START_TIME_LIMIT_MS = 120_000;
const REQUEST_TIME_LIMIT_MS = 30_000;
const PROVIDER_KEY = `sk-bench-${randomBytes(8).toString('hex')}`;

/** Steps to undo, newest first: each runs even when an earlier one fails. */
const cleanups: { name: string; run: () => Promise<void> }[] = [];
const run = new AbortController();
// Every request in flight listens on the run's signal: 32 at concurrency 32 is expected, not a leak.
setMaxListeners(0, run.signal);
let buildChild: ChildProcess | undefined;

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

function abortRun(reason: string): void {
  if (run.signal.aborted) return;
  log(`stopping: ${reason}`);
  run.abort(new Error(reason));
  buildChild?.kill('SIGTERM');
}

let firstSignalAt: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Ctrl-C arrives twice (terminal and npm): only a signal well after the first forces an exit without clean-up.
    if (firstSignalAt !== undefined && Date.now() - firstSignalAt > 3_000) {
      console.error('[bench] forced exit: the throwaway database may be left behind (see the log above for its name)');
      process.exit(130);
    }
    firstSignalAt ??= Date.now();
    abortRun(`received ${signal}`);
  });
}

const options = readOptions();
// A pending await with no timer or socket behind it would let Node exit silently, skipping the clean-up.
const keepAlive = setInterval(() => undefined, 60_000);
let exitCode = 1;
const work = benchmark(options).then(
  (code) => (exitCode = code),
  (error: unknown) => {
    if (!run.signal.aborted) console.error('[bench] failed:', error instanceof Error ? error.message : error);
    exitCode = 1;
  },
);
const aborted = new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve(), { once: true }));
await Promise.race([work, aborted]);
// Aborted: most steps observe the signal and unwind at once; one that does not is cut short by the clean-up
// stopping the processes it waits on.
if (run.signal.aborted) await Promise.race([work, sleep(10_000)]);
await cleanUp();
// A step still unwinding may have started something more (a database, a process) in the meantime.
await Promise.race([work, sleep(5_000)]);
await cleanUp();
clearInterval(keepAlive);
process.exit(run.signal.aborted ? (firstSignalAt !== undefined ? 130 : 1) : exitCode);

function readOptions(): BenchOptions {
  try {
    const parsed = parseBenchOptions(process.argv.slice(2));
    if (parsed === 'help') {
      console.log(USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

async function benchmark(options: BenchOptions): Promise<number> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  await mkdir(resultsDir, { recursive: true });

  const build = (await import(pathToFileURL(path.join(root, 'scripts', 'production-build.mjs')).href)) as ProductionBuild;
  const buildTimer = setTimeout(() => abortRun(`the build took longer than ${BUILD_TIME_LIMIT_MS / 60_000} minutes`), BUILD_TIME_LIMIT_MS);
  try {
    await build.ensureProductionBuild({ rebuildWhenStale: !options.reuseBuild, onChild: (child) => (buildChild = child) });
  } finally {
    clearTimeout(buildTimer);
    buildChild = undefined;
  }
  run.signal.throwIfAborted();

  // From here on the run is bounded as a whole: start-up, load, clean-up.
  const runTimer = setTimeout(() => abortRun(`the time limit of ${options.maxRunSeconds} s was reached`), options.maxRunSeconds * 1000);
  cleanups.push({ name: 'cancel the time limit', run: async () => clearTimeout(runTimer) });

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-bench-'));
  cleanups.push({ name: `remove ${workDir}`, run: () => rm(workDir, { recursive: true, force: true }) });

  const database = await createThrowawayDatabase(options.postgresUrl);
  cleanups.push({ name: `drop database ${database.name}`, run: () => database.drop() });
  log(`database ${database.name} created`);

  const stub = startProcess({
    name: 'stub upstream',
    args: ['--import', 'tsx', 'test/upstream-stub/serve.ts', '--port', '0', '--stream-chunks', String(STREAM_CHUNKS), '--api-key', PROVIDER_KEY, '--max-recorded', '50'],
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    logPath: path.join(resultsDir, 'stub.log'),
  });
  cleanups.push({ name: 'stop the stub', run: () => stub.stop() });
  const stubUrl = await withinLimit(stub.firstLine, START_TIME_LIMIT_MS, 'the stub did not print its URL');
  log(`stub upstream at ${stubUrl} (pid ${stub.pid})`);

  const profileDir = path.join(resultsDir, 'profile');
  if (options.cpuProf) await rm(profileDir, { recursive: true, force: true });
  const port = await findFreePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const adminPassword = randomBytes(12).toString('hex');
  const server = startProcess({
    name: 'gateway server',
    args: [...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), options.viaNext ? build.nextStandaloneServer : build.standaloneServer],
    cwd: build.standaloneDir,
    env: serverEnvironment({ port, databaseUrl: database.url, adminPassword, dataDir: path.join(workDir, 'data'), serverUrl }),
    logPath: path.join(resultsDir, 'server.log'),
  });
  cleanups.push({ name: 'stop the server', run: () => server.stop() });
  await waitForHealth(serverUrl, server);
  log(`gateway server at ${serverUrl} (pid ${server.pid}${options.cpuProf ? ', under --cpu-prof' : ''})`);

  const seed = await seedGateway({ baseUrl: serverUrl, adminPassword, stubUrl, providerKey: PROVIDER_KEY, fetch: fetchWithinLimit });
  log('seeded an OpenAI-type and an Anthropic-type provider on the stub, their keys, two model routes and a user token');

  const [gatewayChat, gatewayStream] = gatewayScenarios(serverUrl, seed);
  const floor = floorScenario(serverUrl);
  for (const scenario of [floor, gatewayChat, gatewayStream]) await preflight(scenario);
  const upstream = await readUpstreamRequests(stubUrl, seed.userToken);
  const [stubChat, stubStream] = stubScenarios(stubUrl, { ...upstream, providerKey: PROVIDER_KEY });
  for (const scenario of [stubChat, stubStream]) await preflight(scenario);
  log('every scenario answered one request completely and correctly');

  const scenarios: Scenario[] = [stubChat, stubStream, floor, gatewayChat, gatewayStream].filter((scenario) => options.only.includes(scenario.id));
  const { measurements, sent } = await measureScenarios({
    scenarios,
    concurrency: options.concurrency,
    rounds: options.rounds,
    roundSeconds: options.roundSeconds,
    warmupSeconds: options.warmupSeconds,
    pids: { server: server.pid, stub: stub.pid },
    signal: run.signal,
    log,
  });

  // The recorder writes usage rows in the background, every second by default: give it one more flush.
  await sleep(2_500, undefined, { signal: run.signal });
  const gatewayRequests = (sent.c ?? 0) + (sent.d ?? 0) + 2;
  const usageRows = await countUsageRows(database.url);

  await server.stop();
  const profile = options.cpuProf ? await readProfile(profileDir, measurements) : null;

  const ratios = computeRatios(measurements, options.concurrency);
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg(),
  };
  printReport({ options, measurements, ratios, environment, usageRows, gatewayRequests, profile });

  const resultsFile = path.join(resultsDir, 'latest.json');
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment,
    options,
    loadGenerator: 'bench/load-generator.ts (undici Pool, closed loop, one connection per concurrent request)',
    measurements,
    ratios,
    usage: { gatewayRequests, rowsByStatus: usageRows },
    profile,
  };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`raw results in ${path.relative(root, resultsFile)}`);

  const errors = measurements.reduce((total, measurement) => total + measurement.errors, 0);
  if (errors > 0) {
    console.error(`[bench] ${errors} requests failed during the measurements (see errorSamples in the results)`);
    return 1;
  }
  return 0;
}

function serverEnvironment(input: { port: number; databaseUrl: string; adminPassword: string; dataDir: string; serverUrl: string }): NodeJS.ProcessEnv {
  // The app's settings at their defaults: nothing from the caller's shell tunes the measured server.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AXONGATE_|DATABASE_|NEXTAUTH_|REDIS_URL$|ADMIN_PASSWORD$|PORT$|HOSTNAME$)/.test(name)),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(input.port),
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: input.databaseUrl,
    ADMIN_PASSWORD: input.adminPassword,
    AXONGATE_DATA_DIR: input.dataDir,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    NEXTAUTH_URL: input.serverUrl,
  };
}

/** Waits until /api/health answers 200 (the server migrates its database and creates the admin first). */
async function waitForHealth(serverUrl: string, server: BenchProcess): Promise<void> {
  const deadline = Date.now() + START_TIME_LIMIT_MS;
  while (Date.now() < deadline) {
    run.signal.throwIfAborted();
    if (!server.isRunning()) throw new Error(`the server exited during start-up:\n${await readLogTail(server.logPath)}`);
    try {
      const response = await fetchWithinLimit(`${serverUrl}/api/health`, {}, 5_000);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200, undefined, { signal: run.signal });
  }
  throw new Error(`the server did not become healthy within ${START_TIME_LIMIT_MS / 1000} s:\n${await readLogTail(server.logPath)}`);
}

async function preflight(scenario: Scenario): Promise<void> {
  const { request } = scenario;
  const response = await fetchWithinLimit(`${request.origin}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
  const { body } = response;
  const problem = response.status !== request.check.status ? `HTTP ${response.status}: ${body.slice(0, 300)}` : scenario.verify(body);
  if (problem) throw new Error(`(${scenario.id}) ${scenario.title}: ${problem}`);
}

type RecordedUpstreamRequest = { path: string; headers: Record<string, string | undefined>; rawBody: string };

/**
 * What the gateway sent the stub in the preflights of (c) and (d): the bodies the stub-direct scenarios replay.
 * Also checks that the provider key (sealed and opened by the app's vault) went upstream and the user token did not.
 */
async function readUpstreamRequests(stubUrl: string, userToken: string): Promise<{ chatBody: string; messagesBody: string }> {
  const response = await fetchWithinLimit(`${stubUrl}/__stub/requests`, {});
  const requests = JSON.parse(response.body) as RecordedUpstreamRequest[];
  const chat = requests.findLast((request) => request.path === '/v1/chat/completions');
  const messages = requests.findLast((request) => request.path === '/v1/messages');
  if (!chat || !messages) throw new Error('the stub did not receive the gateway requests of (c) and (d)');
  if (chat.headers.authorization !== `Bearer ${PROVIDER_KEY}` || messages.headers['x-api-key'] !== PROVIDER_KEY) {
    throw new Error('the gateway did not send the provider key upstream');
  }
  if (JSON.stringify(requests).includes(userToken)) throw new Error("the client's token reached the upstream");
  return { chatBody: chat.rawBody, messagesBody: messages.rawBody };
}

type ServerProfile = {
  /** Per server scenario (b, c, d) and concurrency, from the samples taken during its rounds. */
  scenarios: { scenario: string; concurrency: number; summary: ProfileSummary }[];
  /** (c) and (d) against the floor (b) at the same concurrency: what the gateway adds, function by function. */
  comparisons: { scenario: string; baseline: string; concurrency: number; comparison: ProfileComparison }[];
};

async function readProfile(profileDir: string, measurements: Measurement[]): Promise<ServerProfile | null> {
  const files = (await readdir(profileDir).catch(() => [] as string[])).filter((file) => file.endsWith('.cpuprofile'));
  if (files.length === 0) {
    log('no CPU profile was written (the server did not exit cleanly)');
    return null;
  }
  const file = path.join(profileDir, files[0]);
  log(`CPU profile: ${path.relative(root, file)} (open it in Chrome DevTools or speedscope)`);
  const profile = await readCpuProfile(file);
  const names = await nameProfileNodes(profile);
  const tallies = measurements
    .filter((m) => ['b', 'c', 'd'].includes(m.scenario))
    .map((m) => ({
      measurement: m,
      tally: tallyCpuProfile(profile, names, { windows: m.rounds.map((round) => round.window), requests: m.requests }),
    }));
  if (tallies.length > 0 && tallies.every(({ tally }) => tally.windowMs === 0)) {
    log('the profile has no samples inside the measured rounds (its clock did not match): summaries are empty');
  }
  const result: ServerProfile = { scenarios: [], comparisons: [] };
  for (const { measurement, tally } of tallies) {
    result.scenarios.push({ scenario: measurement.scenario, concurrency: measurement.concurrency, summary: summarizeTally(tally) });
    const floor = tallies.find((other) => other.measurement.scenario === 'b' && other.measurement.concurrency === measurement.concurrency);
    if (measurement.scenario !== 'b' && floor) {
      result.comparisons.push({
        scenario: measurement.scenario,
        baseline: 'b',
        concurrency: measurement.concurrency,
        comparison: compareTallies(tally, floor.tally),
      });
    }
  }
  return result;
}

function printReport(report: {
  options: BenchOptions;
  measurements: Measurement[];
  ratios: ReturnType<typeof computeRatios>;
  environment: { node: string; cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[] };
  usageRows: Record<string, number>;
  gatewayRequests: number;
  profile: ServerProfile | null;
}): void {
  const { options, environment } = report;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  console.log('');
  console.log(
    `AxonGate benchmark: node ${environment.node}, ${environment.cpus} CPUs (shared), load average ${load(environment.loadAverageBefore)} → ${load(environment.loadAverageAfter)}`,
  );
  console.log(
    options.viaNext
      ? "server: Next's own standalone server.js (--via-next): /v1 requests go through Next's route handlers"
      : 'server: the production server (axongate-server.mjs): /v1 requests go straight to the gateway core, the rest to Next',
  );
  console.log(
    `${options.rounds} rounds × ${options.roundSeconds} s per scenario and concurrency (scenarios take turns), ${options.warmupSeconds} s warm-up; latencies in ms, CPU in ms per request`,
  );
  console.log('');
  console.log(formatTable(report.measurements));
  console.log('');
  console.log('Ratios:');
  console.log(formatRatios(report.ratios));
  console.log('');
  const written = Object.entries(report.usageRows)
    .map(([status, rows]) => `${rows} ${status}`)
    .join(', ');
  console.log(`Usage rows written by the gateway: ${written || 'none'} (for ${report.gatewayRequests} gateway requests)`);
  // The full set is in the JSON; the highest concurrency is where throughput is decided.
  const highest = Math.max(...options.concurrency);
  for (const entry of report.profile?.comparisons.filter((candidate) => candidate.concurrency === highest) ?? []) {
    console.log('');
    console.log(`Server CPU profile: what (${entry.scenario}) costs per request beyond the floor (${entry.baseline}), concurrency ${entry.concurrency}:`);
    console.log(formatProfileComparison(entry.comparison));
  }
  console.log('');
}

/**
 * fetch with the whole answer read, bounded by its own timer and by the run: AbortSignal.timeout is not used, as
 * its timer only holds the signal weakly and a collected signal never fires.
 */
async function fetchWithinLimit(url: string, init: RequestInit, ms = REQUEST_TIME_LIMIT_MS): Promise<{ status: number; body: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`${url} did not answer within ${ms / 1000} s`)), ms);
  const onAbort = () => controller.abort(run.signal.reason);
  run.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, body: await response.text() };
  } finally {
    clearTimeout(timer);
    run.signal.removeEventListener('abort', onAbort);
  }
}

async function withinLimit<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  run.signal.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
    onAbort = () => reject(run.signal.reason);
    run.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
    if (onAbort) run.signal.removeEventListener('abort', onAbort);
  }
}

async function cleanUp(): Promise<void> {
  const done: string[] = [];
  // A clean-up that hangs must not keep the database from being dropped: each step gets a bound.
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await withTimeout(step.run(), 30_000);
      done.push(step.name);
    } catch (error) {
      console.error(`[bench] clean-up step "${step.name}" failed: ${(error as Error).message}`);
    }
  }
  if (done.length > 0) log(`cleaned up: ${done.join(', ')}`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
