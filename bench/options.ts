// `npm run bench -- [flags]`: the few knobs of one benchmark run, parsed once.
import { parseArgs } from 'node:util';
import { REWARM_MS } from './measure';
import { REFERENCE_SCENARIOS, SCENARIO_IDS, type ScenarioId } from './scenarios';

export type BenchOptions = {
  /** Closed-loop connections per measurement, e.g. [1, 32]. */
  concurrency: number[];
  /** Measured seconds per round; each scenario runs `rounds` rounds, interleaved with the others. */
  roundSeconds: number;
  rounds: number;
  /** Unmeasured load before a scenario's first round at each concurrency. */
  warmupSeconds: number;
  /** Reuse any existing production build instead of rebuilding when a source file is newer than it. */
  reuseBuild: boolean;
  /** Run the standalone server under `node --cpu-prof` and summarise where its CPU time went. */
  cpuProf: boolean;
  /** The PostgreSQL server on which the throwaway database is created (loopback only). */
  postgresUrl: string;
  /** Limit on everything after the build: measurements, start-up and clean-up. */
  maxRunSeconds: number;
  /** The scenarios to measure (all by default, less the references turned off); a profile of the gateway alone wants only (c). */
  only: ScenarioId[];
  /** Start the Portkey gateway and measure its scenarios (`--no-portkey` turns it off). */
  portkey: boolean;
  /** Start the bare node:http → undici proxy and measure its scenarios (`--no-bare-proxy` turns it off). */
  bareProxy: boolean;
  /** Run Next's own standalone server.js, whose /v1 requests take the app/v1 route files, instead of the production server. */
  viaNext: boolean;
};

export const USAGE = `Usage: npm run bench -- [flags]
  --concurrency 1,32     connections per measurement (default 1,32)
  --round-seconds N      measured seconds per round (default 3)
  --rounds N             rounds per scenario, interleaved across scenarios (default 3)
  --warmup-seconds N     unmeasured load before each scenario's first round (default 2)
  --reuse-build          do not rebuild when sources are newer than the build (a missing build is still built)
  --cpu-prof             profile the gateway server (node --cpu-prof) and print where its CPU time goes
  --postgres URL         server for the throwaway database (default $BENCH_POSTGRES_URL or
                         postgresql://postgres@127.0.0.1:5432/postgres)
  --max-run-seconds N    hard limit for everything after the build (default: planned load time + 120)
  --only a,c,portkey-c   measure only these scenarios (ratios that need the others print n/a); all of them:
                         ${SCENARIO_IDS.join(',')}
  --no-portkey           do not start the Portkey gateway or measure its scenarios (portkey-*)
  --no-bare-proxy        do not start the bare node:http → undici proxy or measure its scenarios (bare-*)
  --via-next             serve with Next's own server.js: /v1 goes through Next's route handlers, not the
                         production server's direct mount (to see what the mount saves)`;

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: 'string', default: '1,32' },
      'round-seconds': { type: 'string', default: '3' },
      rounds: { type: 'string', default: '3' },
      'warmup-seconds': { type: 'string', default: '2' },
      'reuse-build': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
      'max-run-seconds': { type: 'string' },
      only: { type: 'string', default: SCENARIO_IDS.join(',') },
      'via-next': { type: 'boolean', default: false },
      'no-portkey': { type: 'boolean', default: false },
      'no-bare-proxy': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';

  const concurrency = values.concurrency.split(',').map((part) => readNumber('concurrency', part.trim(), 1, 1024));
  const roundSeconds = readNumber('round-seconds', values['round-seconds'], 1, 120);
  const rounds = readNumber('rounds', values.rounds, 1, 20);
  const warmupSeconds = readNumber('warmup-seconds', values['warmup-seconds'], 0, 60);
  const turnedOff = new Set<ScenarioId>([
    ...(values['no-portkey'] ? REFERENCE_SCENARIOS.portkey : []),
    ...(values['no-bare-proxy'] ? REFERENCE_SCENARIOS.bare : []),
  ]);
  const only = values.only
    .split(',')
    .map((part) => readScenarioId(part.trim()))
    .filter((id) => !turnedOff.has(id));
  if (only.length === 0) throw new Error('no scenario left to measure');
  const plannedSeconds = concurrency.length * only.length * (warmupSeconds + rounds * (roundSeconds + REWARM_MS / 1000));
  const maxRunSeconds = values['max-run-seconds'] === undefined ? plannedSeconds + 120 : readNumber('max-run-seconds', values['max-run-seconds'], 30, 3600);
  return {
    concurrency,
    roundSeconds,
    rounds,
    warmupSeconds,
    reuseBuild: values['reuse-build'],
    cpuProf: values['cpu-prof'],
    postgresUrl: readLoopbackUrl(values.postgres),
    maxRunSeconds,
    only,
    viaNext: values['via-next'],
    portkey: only.some((id) => REFERENCE_SCENARIOS.portkey.includes(id)),
    bareProxy: only.some((id) => REFERENCE_SCENARIOS.bare.includes(id)),
  };
}

function readScenarioId(raw: string): ScenarioId {
  const id = SCENARIO_IDS.find((candidate) => candidate === raw);
  if (!id) throw new Error(`--only expects scenario ids from ${SCENARIO_IDS.join(', ')}, got "${raw}"`);
  return id;
}

function readNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${flag} expects a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** The benchmark sends traffic to this machine only. */
function readLoopbackUrl(raw: string): string {
  const url = new URL(raw);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`--postgres must point at this machine (127.0.0.1), got host "${url.hostname}"`);
  }
  return raw;
}
