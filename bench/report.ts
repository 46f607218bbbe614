// What a run prints and keeps: one table row per scenario and concurrency, the ratios the issue sets targets for
// (and the ones that explain them), and the raw results as JSON.
import type { Measurement } from './measure';
import type { ScenarioId } from './scenarios';
import { median } from './stats';

export type Ratio = {
  key: string;
  label: string;
  value: number | null;
  unit: 'x' | 'ms';
  /** Set for the ratios the issue sets a target for. */
  target?: { comparison: '>=' | '<'; value: number };
  met?: boolean;
  /** The same ratio per round (scenarios take turns, so neighbouring rounds saw similar machine load). */
  perRound?: number[];
};

const THROUGHPUT_TARGET = 0.85;
const ADDED_LATENCY_TARGET_MS = 1;

export function computeRatios(measurements: Measurement[], concurrency: number[]): Ratio[] {
  const find = (scenario: ScenarioId, level: number) => measurements.find((m) => m.scenario === scenario && m.concurrency === level);
  const lowest = Math.min(...concurrency);
  const ratios: Ratio[] = [];

  for (const level of concurrency) {
    ratios.push(withTarget(throughputRatio('c', 'b', level, find), { comparison: '>=', value: THROUGHPUT_TARGET }));
  }
  ratios.push(withTarget(addedLatency('c', 'a', lowest, find), { comparison: '<', value: ADDED_LATENCY_TARGET_MS }));
  ratios.push(addedLatency('b', 'a', lowest, find, 'the framework floor plus one more loopback hop'));
  ratios.push(addedLatency('c', 'b', lowest, find, "the gateway's own work above the floor"));
  for (const level of concurrency) ratios.push(throughputRatio('d', 'a-stream', level, find));
  ratios.push(addedLatency('d', 'a-stream', lowest, find));
  for (const level of concurrency) ratios.push(addedServerCpu('c', 'b', level, find));
  return ratios;
}

type Finder = (scenario: ScenarioId, level: number) => Measurement | undefined;

function throughputRatio(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder): Ratio {
  const over = find(top, level);
  const under = find(bottom, level);
  const value = over && under && under.requestsPerSecond > 0 ? over.requestsPerSecond / under.requestsPerSecond : null;
  const perRound = over && under ? over.rounds.map((round, i) => round.requestsPerSecond / under.rounds[i].requestsPerSecond) : undefined;
  return {
    key: `throughput_${top}_over_${bottom}_c${level}`,
    label: `(${top}) ÷ (${bottom}) throughput, concurrency ${level}`,
    value,
    unit: 'x',
    perRound,
  };
}

function addedLatency(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder, meaning?: string): Ratio {
  const over = find(top, level)?.latencyMs;
  const under = find(bottom, level)?.latencyMs;
  return {
    key: `p50_added_${top}_over_${bottom}_c${level}`,
    label: `(${top}) − (${bottom}) p50 latency, concurrency ${level}${meaning ? `: ${meaning}` : ''}`,
    value: over && under ? over.p50 - under.p50 : null,
    unit: 'ms',
  };
}

function addedServerCpu(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder): Ratio {
  const over = find(top, level)?.cpuMsPerRequest.server;
  const under = find(bottom, level)?.cpuMsPerRequest.server;
  return {
    key: `server_cpu_added_${top}_over_${bottom}_c${level}`,
    label: `(${top}) − (${bottom}) server CPU per request, concurrency ${level}: the gateway's own CPU cost`,
    value: over != null && under != null ? over - under : null,
    unit: 'ms',
  };
}

function withTarget(ratio: Ratio, target: NonNullable<Ratio['target']>): Ratio {
  const met = ratio.value === null ? undefined : target.comparison === '>=' ? ratio.value >= target.value : ratio.value < target.value;
  return { ...ratio, target, met };
}

export function formatTable(measurements: Measurement[]): string {
  const header = ['scenario', 'conc', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'hdr p50', 'ok', 'errors', 'srv CPU/req', 'stub CPU/req', 'gen CPU/req'];
  const rows = measurements.map((m) => [
    `(${m.scenario}) ${m.title}`,
    String(m.concurrency),
    m.requestsPerSecond.toFixed(0),
    fixed(m.latencyMs?.p50, 3),
    fixed(m.latencyMs?.p90, 3),
    fixed(m.latencyMs?.p99, 3),
    fixed(m.headersMs?.p50, 3),
    String(m.requests),
    String(m.errors),
    fixed(m.cpuMsPerRequest.server, 3),
    fixed(m.cpuMsPerRequest.stub, 3),
    fixed(m.cpuMsPerRequest.generator, 3),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatRatios(ratios: Ratio[]): string {
  return ratios
    .map((ratio) => {
      const value = ratio.value === null ? 'n/a' : ratio.unit === 'x' ? `${ratio.value.toFixed(3)}` : `${ratio.value.toFixed(3)} ms`;
      const target = ratio.target ? `  target ${ratio.target.comparison} ${ratio.target.value}${ratio.unit === 'ms' ? ' ms' : ''}: ${ratio.met === undefined ? 'n/a' : ratio.met ? 'MET' : 'MISSED'}` : '';
      const rounds = ratio.perRound ? `  (per round ${ratio.perRound.map((value) => value.toFixed(2)).join(', ')}; median ${median(ratio.perRound).toFixed(3)})` : '';
      return `  ${ratio.label}: ${value}${target}${rounds}`;
    })
    .join('\n');
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(digits);
}
