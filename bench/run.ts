// `npm run bench`: builds the production app if needed, starts the stub upstream, the standalone server on a
// throwaway database and the two references (the Portkey gateway, a bare node:http → undici proxy) in front of the
// same stub, seeds the server through the admin API, measures the scenarios (see README.md) and prints the tables
// and ratios; raw results go to bench/results/latest.json. Everything it started is stopped and the database
// dropped on success, failure, Ctrl-C or when its time limit runs out (bench/harness.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { countUsageRows, createThrowawayDatabase } from './database';
import { root, runHarnessed, type Harness } from './harness';
import { measureScenarios, type Measurement } from './measure';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
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
import { checkAnswers, startReferences, type StartedReferences } from './references';
import { computeRatios, formatRatios, formatReferenceTable, formatTable } from './report';
import { floorScenario, gatewayScenarios, STREAM_CHUNKS, stubScenarios, type ReferenceUpstream, type Scenario } from './scenarios';
import { seedGateway, type GatewaySeed } from './seed';

const resultsDir = path.join(import.meta.dirname, 'results');
const PROVIDER_KEY = `sk-bench-${randomBytes(8).toString('hex')}`;

const options = readOptions();
await runHarnessed('bench', (harness) => benchmark(harness, options));

async function benchmark(harness: Harness, options: BenchOptions): Promise<number> {
  const { log } = harness;
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  await mkdir(resultsDir, { recursive: true });

  const build = await harness.ensureBuild({ rebuildWhenStale: !options.reuseBuild });
  // From here on the run is bounded as a whole: start-up, load, clean-up.
  harness.limitTo(options.maxRunSeconds);

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'axongate-bench-'));
  harness.onCleanUp(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));

  const database = await createThrowawayDatabase(options.postgresUrl);
  harness.onCleanUp(`drop database ${database.name}`, () => database.drop());
  log(`database ${database.name} created`);

  const stubArgs = ['--stream-chunks', String(STREAM_CHUNKS), '--api-key', PROVIDER_KEY, '--max-recorded', '50'];
  const { process: stub, url: stubUrl } = await harness.startStub(stubArgs, path.join(resultsDir, 'stub.log'));
  log(`stub upstream at ${stubUrl} (pid ${stub.pid})`);

  const profileDir = path.join(resultsDir, 'profile');
  if (options.cpuProf) await rm(profileDir, { recursive: true, force: true });
  const { process: server, url: serverUrl, adminPassword } = await harness.startServer({
    build,
    script: options.viaNext ? build.nextStandaloneServer : build.standaloneServer,
    nodeArgs: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    databaseUrl: database.url,
    dataDir: path.join(workDir, 'data'),
    logPath: path.join(resultsDir, 'server.log'),
  });
  log(`gateway server at ${serverUrl} (pid ${server.pid}${options.cpuProf ? ', under --cpu-prof' : ''})`);

  const seed = await seedGateway({ baseUrl: serverUrl, adminPassword, stubUrl, providerKey: PROVIDER_KEY, fetch: harness.fetch });
  log('seeded an OpenAI-type and an Anthropic-type provider on the stub, their keys, two model routes and a user token');

  const [gatewayChat, gatewayConverted, gatewaySameProtocol] = gatewayScenarios(serverUrl, seed);
  const floor = floorScenario(serverUrl);
  for (const scenario of [floor, gatewayChat, gatewayConverted]) await preflight(harness, scenario);
  // Read before (e) runs: the last Messages request the stub saw must be (d)'s.
  const upstream = await readUpstreamRequests(harness, stubUrl, seed.userToken);
  const [stubChat, stubStream] = stubScenarios(stubUrl, { ...upstream, providerKey: PROVIDER_KEY });
  for (const scenario of [gatewaySameProtocol, stubChat, stubStream]) await preflight(harness, scenario);
  log('every AxonGate and stub scenario answered one request completely and correctly');

  const references = await startReferences(harness, options, referenceUpstream(stubUrl, seed), resultsDir);
  const scenarios: Scenario[] = [stubChat, stubStream, floor, gatewayChat, gatewayConverted, gatewaySameProtocol, ...references.scenarios].filter(
    (scenario) => options.only.includes(scenario.id),
  );
  const { measurements, sent } = await measureScenarios({
    scenarios,
    concurrency: options.concurrency,
    rounds: options.rounds,
    roundSeconds: options.roundSeconds,
    warmupSeconds: options.warmupSeconds,
    pids: { stub: stub.pid, servers: { gateway: server.pid, bare: references.bare?.process.pid, portkey: references.portkey?.process.pid } },
    signal: harness.signal,
    log,
  });

  // The recorder writes usage rows in the background, every second by default: give it one more flush.
  await sleep(2_500, undefined, { signal: harness.signal });
  // The preflights of (c), (d) and (e) count too.
  const gatewayRequests = (sent.c ?? 0) + (sent.d ?? 0) + (sent.e ?? 0) + 3;
  const usageRows = await countUsageRows(database.url);

  await server.stop();
  const profile = options.cpuProf ? await readProfile(harness, profileDir, measurements) : null;

  const ratios = computeRatios(measurements, options.concurrency);
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg(),
  };
  printReport({ options, measurements, ratios, environment, usageRows, gatewayRequests, profile, references: references.summary });

  const resultsFile = path.join(resultsDir, 'latest.json');
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment,
    options,
    loadGenerator: 'bench/load-generator.ts (undici Pool, closed loop, one connection per concurrent request)',
    references: references.summary,
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
  const skipped = Object.values(references.summary).filter((reference) => reference.status === 'skipped');
  for (const reference of skipped) console.error(`[bench] ${reference.name} was not measured: ${reference.reason}`);
  return skipped.length > 0 ? 1 : 0;
}

async function preflight(harness: Harness, scenario: Scenario): Promise<void> {
  const problem = await checkAnswers(harness, scenario, 1);
  if (problem) throw new Error(problem);
}

function referenceUpstream(stubUrl: string, seed: GatewaySeed): ReferenceUpstream {
  return { stubUrl, providerKey: PROVIDER_KEY, openaiModel: seed.openaiUpstreamModel, anthropicModel: seed.anthropicUpstreamModel };
}

type RecordedUpstreamRequest = { path: string; headers: Record<string, string | undefined>; rawBody: string };

/**
 * What the gateway sent the stub in the preflights of (c) and (d): the bodies the stub-direct scenarios replay.
 * Also checks that the provider key (sealed and opened by the app's vault) went upstream and the user token did not.
 */
async function readUpstreamRequests(harness: Harness, stubUrl: string, userToken: string): Promise<{ chatBody: string; messagesBody: string }> {
  const response = await harness.fetch(`${stubUrl}/__stub/requests`, {});
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
  /** Per server scenario (b to e) and concurrency, from the samples taken during its rounds. */
  scenarios: { scenario: string; concurrency: number; summary: ProfileSummary }[];
  /** (c), (d) and (e) against the floor (b) at the same concurrency: what the gateway adds, function by function. */
  comparisons: { scenario: string; baseline: string; concurrency: number; comparison: ProfileComparison }[];
};

async function readProfile(harness: Harness, profileDir: string, measurements: Measurement[]): Promise<ServerProfile | null> {
  const { log } = harness;
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
    .filter((m) => ['b', 'c', 'd', 'e'].includes(m.scenario))
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
  references: StartedReferences['summary'];
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
  for (const reference of Object.values(report.references)) {
    const about = [reference.version, reference.detail].filter(Boolean).join(', ');
    const state = reference.status === 'measured' ? 'measured' : reference.status === 'off' ? 'off' : `NOT MEASURED: ${reference.reason}`;
    console.log(`reference: ${reference.name}${about ? ` (${about})` : ''}: ${state}`);
  }
  console.log(
    `${options.rounds} rounds × ${options.roundSeconds} s per scenario and concurrency (scenarios take turns), ${options.warmupSeconds} s warm-up; latencies in ms, CPU in ms per request`,
  );
  console.log('');
  console.log(formatTable(report.measurements));
  console.log('');
  console.log('AxonGate and the references side by side (server CPU: the serving process; +p50: over the stub alone):');
  console.log(formatReferenceTable(report.measurements, options.concurrency));
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
