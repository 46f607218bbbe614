// Runs the scenarios: at each concurrency, an unmeasured warm-up of every scenario, then `rounds` measured rounds
// in which the scenarios take turns. Taking turns spreads the other engineers' load on this shared machine over
// all scenarios alike, instead of letting one unlucky stretch land on a single scenario.
import { LoadClient, type LoadSample } from './load-generator';
import { readCpuMs } from './processes';
import type { Scenario, ScenarioId, ServerRole } from './scenarios';
import { summarizeLatencies, type LatencySummary } from './stats';

export type RoundResult = {
  requests: number;
  errors: number;
  elapsedMs: number;
  requestsPerSecond: number;
  /**
   * CPU milliseconds each process used during the round (null where /proc is not readable): the server is the
   * process that served the scenario (the gateway, or a reference proxy).
   */
  cpuMs: { server: number | null; stub: number | null; generator: number };
  /** When the round ran, in microseconds of the monotonic clock V8's CPU profiles use: a profile's samples of this round. */
  window: { startUs: number; endUs: number };
};

export type Measurement = {
  scenario: ScenarioId;
  title: string;
  server: ServerRole;
  concurrency: number;
  rounds: RoundResult[];
  requests: number;
  errors: number;
  errorSamples: string[];
  requestsPerSecond: number;
  latencyMs: LatencySummary | null;
  /** Time to the status line: for streams, how long until the first byte could reach the client. */
  headersMs: LatencySummary | null;
  cpuMsPerRequest: { server: number | null; stub: number | null; generator: number | null };
};

export type MeasureOptions = {
  scenarios: Scenario[];
  concurrency: number[];
  rounds: number;
  roundSeconds: number;
  warmupSeconds: number;
  /** The stub's and every serving process's pid (a reference that was not started has none). */
  pids: { stub: number; servers: Partial<Record<ServerRole, number>> };
  signal: AbortSignal;
  log: (line: string) => void;
};

export type MeasureResult = {
  measurements: Measurement[];
  /** Requests each scenario sent in all (warm-ups included), to compare with the usage rows written. */
  sent: Partial<Record<ScenarioId, number>>;
};

export const REWARM_MS = 500;

export async function measureScenarios(options: MeasureOptions): Promise<MeasureResult> {
  const measurements: Measurement[] = [];
  const sent: Partial<Record<ScenarioId, number>> = {};
  const count = (id: ScenarioId, sample: LoadSample) => (sent[id] = (sent[id] ?? 0) + sample.requests + sample.errors);
  for (const concurrency of options.concurrency) {
    const clients = options.scenarios.map((scenario) => new LoadClient(scenario.request, concurrency));
    try {
      for (const [index, scenario] of options.scenarios.entries()) {
        if (options.warmupSeconds === 0) break;
        const warmup = await clients[index].run(options.warmupSeconds * 1000, options.signal);
        count(scenario.id, warmup);
        options.log(`  warm-up   c=${concurrency} (${scenario.id}) ${scenario.title}: ${formatRate(warmup)}`);
      }
      const rounds = options.scenarios.map(() => [] as { sample: LoadSample; round: RoundResult }[]);
      for (let round = 1; round <= options.rounds; round++) {
        for (const [index, scenario] of options.scenarios.entries()) {
          // While the other scenarios ran, idle keep-alive connections (ours, and the gateway's to the stub) timed
          // out: reopen them unmeasured, as steady traffic would have kept them open.
          count(scenario.id, await clients[index].run(REWARM_MS, options.signal));
          const measured = await measureRound(clients[index], scenario.server, options);
          rounds[index].push(measured);
          count(scenario.id, measured.sample);
          options.log(`  round ${round}/${options.rounds} c=${concurrency} (${scenario.id}) ${scenario.title}: ${formatRate(measured.sample)}`);
        }
      }
      for (const [index, scenario] of options.scenarios.entries()) measurements.push(combineRounds(scenario, concurrency, rounds[index]));
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  }
  return { measurements, sent };
}

async function measureRound(client: LoadClient, server: ServerRole, options: MeasureOptions): Promise<{ sample: LoadSample; round: RoundResult }> {
  const pids = { server: options.pids.servers[server], stub: options.pids.stub };
  const before = await readAllCpu(pids);
  const startUs = monotonicMicroseconds();
  const sample = await client.run(options.roundSeconds * 1000, options.signal);
  const endUs = monotonicMicroseconds();
  const after = await readAllCpu(pids);
  return {
    sample,
    round: {
      requests: sample.requests,
      errors: sample.errors,
      elapsedMs: sample.elapsedMs,
      requestsPerSecond: (sample.requests * 1000) / sample.elapsedMs,
      cpuMs: {
        server: difference(after.server, before.server),
        stub: difference(after.stub, before.stub),
        generator: after.generator - before.generator,
      },
      window: { startUs, endUs },
    },
  };
}

function combineRounds(scenario: Scenario, concurrency: number, rounds: { sample: LoadSample; round: RoundResult }[]): Measurement {
  const requests = sum(rounds.map(({ sample }) => sample.requests));
  const elapsedMs = sum(rounds.map(({ sample }) => sample.elapsedMs));
  const perRequest = (values: (number | null)[]) => (requests === 0 || values.includes(null) ? null : sum(values as number[]) / requests);
  return {
    scenario: scenario.id,
    title: scenario.title,
    server: scenario.server,
    concurrency,
    rounds: rounds.map(({ round }) => round),
    requests,
    errors: sum(rounds.map(({ sample }) => sample.errors)),
    errorSamples: rounds.flatMap(({ sample }) => sample.errorSamples).slice(0, 5),
    requestsPerSecond: elapsedMs === 0 ? 0 : (requests * 1000) / elapsedMs,
    latencyMs: summarizeLatencies(rounds.flatMap(({ sample }) => sample.latenciesMs)),
    headersMs: summarizeLatencies(rounds.flatMap(({ sample }) => sample.headersMs)),
    cpuMsPerRequest: {
      server: perRequest(rounds.map(({ round }) => round.cpuMs.server)),
      stub: perRequest(rounds.map(({ round }) => round.cpuMs.stub)),
      generator: perRequest(rounds.map(({ round }) => round.cpuMs.generator)),
    },
  };
}

async function readAllCpu(pids: { server: number | undefined; stub: number }) {
  const [server, stub] = await Promise.all([pids.server === undefined ? null : readCpuMs(pids.server), readCpuMs(pids.stub)]);
  const own = process.cpuUsage();
  return { server, stub, generator: (own.user + own.system) / 1000 };
}

/** process.hrtime and V8's profile timestamps both read CLOCK_MONOTONIC. */
function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function formatRate(sample: LoadSample): string {
  const rate = (sample.requests * 1000) / sample.elapsedMs;
  return `${rate.toFixed(0)} req/s${sample.errors > 0 ? `, ${sample.errors} errors (${sample.errorSamples[0]})` : ''}`;
}
