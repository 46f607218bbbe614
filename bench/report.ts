// What a run prints and keeps: one table row per scenario and concurrency, a side-by-side table of AxonGate and the
// references, the ratios the issues set targets for (and the ones that explain them), and the raw results as JSON.
import type { Measurement } from './measure';
import type { ScenarioId } from './scenarios';
import { median } from './stats';

export type Ratio = {
  key: string;
  label: string;
  /** The issue that asks for it: 3 (the framework floor) or 13 (the references). */
  issue: 3 | 13;
  value: number | null;
  unit: 'x' | 'ms';
  /** Set for the ratios the issue sets a target (or, for Portkey, a goal) for. */
  target?: { comparison: '>=' | '<='; value: number };
  met?: boolean;
  /** Why the value is missing: a scenario not measured, or one with failed answers, whose numbers are not reported. */
  note?: string;
  /** The same ratio per round (scenarios take turns, so neighbouring rounds saw similar machine load). */
  perRound?: number[];
};

// Issue 3: the gateway against the framework it runs in.
const THROUGHPUT_TARGET = 0.85;
// Issue 13: against the bare Node proxy and the Portkey gateway.
const ADDED_LATENCY_TARGET_MS = 0.5;
const CPU_OVER_BARE_TARGET = 2;
const THROUGHPUT_OVER_PORTKEY_GOAL = 3;
const CONVERSION_CPU_TARGET = 1.15;

/** One kind of request, as AxonGate, Portkey, the bare proxy and the stub alone serve it. */
const KINDS = [
  { label: 'pass-through JSON (OpenAI → OpenAI)', gateway: 'c', portkey: 'portkey-c', bare: 'bare-c', direct: 'a' },
  { label: 'same-protocol stream (Anthropic → Anthropic)', gateway: 'e', portkey: 'portkey-e', bare: 'bare-e', direct: 'a-stream' },
  { label: 'converted stream (OpenAI → Anthropic)', gateway: 'd', portkey: 'portkey-d', bare: null, direct: 'a-stream' },
] as const satisfies { label: string; gateway: ScenarioId; portkey: ScenarioId; bare: ScenarioId | null; direct: ScenarioId }[];

type Finder = (scenario: ScenarioId, level: number) => Measurement | undefined;

export function computeRatios(measurements: Measurement[], concurrency: number[]): Ratio[] {
  const find: Finder = (scenario, level) => measurements.find((m) => m.scenario === scenario && m.concurrency === level);
  const lowest = Math.min(...concurrency);
  const highest = Math.max(...concurrency);
  const [json, stream, converted] = KINDS;
  const ratios: Ratio[] = [];

  // Issue 3.
  for (const level of concurrency) ratios.push(withTarget(throughputRatio(3, 'c', 'b', level, find), '>=', THROUGHPUT_TARGET));
  ratios.push(addedLatency(3, 'b', 'a', lowest, find, 'the framework floor plus one more loopback hop'));
  ratios.push(addedLatency(3, 'c', 'b', lowest, find, "the gateway's own work above the floor"));
  for (const level of concurrency) ratios.push(throughputRatio(3, 'd', 'a-stream', level, find));
  for (const level of concurrency) ratios.push(addedServerCpu('c', 'b', level, find));

  // Issue 13, at the highest concurrency (the server saturated) and, for latency, the lowest.
  ratios.push(withTarget(cpuRatio(json.gateway, json.bare, highest, find, `AxonGate ÷ the bare proxy, ${json.label}`), '<=', CPU_OVER_BARE_TARGET));
  ratios.push(withTarget(cpuRatio(stream.gateway, stream.bare, highest, find, `AxonGate ÷ the bare proxy, ${stream.label}`), '<=', CPU_OVER_BARE_TARGET));
  for (const kind of KINDS) {
    const ratio = throughputRatio(13, kind.gateway, kind.portkey, highest, find, `AxonGate ÷ Portkey, ${kind.label}`);
    ratios.push(withTarget(ratio, '>=', THROUGHPUT_OVER_PORTKEY_GOAL));
  }
  ratios.push(withTarget(cpuRatio(converted.gateway, stream.gateway, highest, find, 'AxonGate, converted ÷ same-protocol stream'), '<=', CONVERSION_CPU_TARGET));
  ratios.push(cpuRatio(converted.portkey, stream.portkey, highest, find, 'Portkey, converted ÷ same-protocol stream'));
  for (const kind of KINDS) {
    const gateway = addedLatency(13, kind.gateway, kind.direct, lowest, find, `what a client pays for going through AxonGate, ${kind.label}`);
    // The issue's latency target is for pass-through, JSON and streamed; a conversion has none.
    ratios.push(kind === converted ? gateway : withTarget(gateway, '<=', ADDED_LATENCY_TARGET_MS));
    ratios.push(addedLatency(13, kind.portkey, kind.direct, lowest, find, 'the same through Portkey'));
    if (kind.bare) ratios.push(addedLatency(13, kind.bare, kind.direct, lowest, find, 'the same through the bare proxy'));
  }
  return ratios;
}

/** Both measurements, or why the ratio over them is not reported. */
function pair(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder): { over: Measurement; under: Measurement } | { note: string } {
  const over = find(top, level);
  const under = find(bottom, level);
  if (!over || !under) return { note: `not measured: (${!over ? top : bottom})` };
  const failed = [over, under].filter((m) => m.errors > 0).map((m) => `(${m.scenario})`);
  if (failed.length > 0) return { note: `not reported: ${failed.join(' and ')} had failed or incomplete answers` };
  return { over, under };
}

function throughputRatio(issue: Ratio['issue'], top: ScenarioId, bottom: ScenarioId, level: number, find: Finder, meaning?: string): Ratio {
  const found = pair(top, bottom, level, find);
  const base = {
    key: `throughput_${top}_over_${bottom}_c${level}`,
    label: `(${top}) ÷ (${bottom}) throughput, concurrency ${level}${meaning ? `: ${meaning}` : ''}`,
    issue,
    unit: 'x' as const,
  };
  if ('note' in found) return { ...base, value: null, note: found.note };
  const { over, under } = found;
  return {
    ...base,
    value: under.requestsPerSecond > 0 ? over.requestsPerSecond / under.requestsPerSecond : null,
    perRound: over.rounds.map((round, i) => round.requestsPerSecond / under.rounds[i].requestsPerSecond),
  };
}

function cpuRatio(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder, meaning: string): Ratio {
  const found = pair(top, bottom, level, find);
  const base = {
    key: `server_cpu_${top}_over_${bottom}_c${level}`,
    label: `(${top}) ÷ (${bottom}) server CPU per request, concurrency ${level}: ${meaning}`,
    issue: 13 as const,
    unit: 'x' as const,
  };
  if ('note' in found) return { ...base, value: null, note: found.note };
  const { over, under } = found;
  const perRound = over.rounds.map((round, i) => {
    const other = under.rounds[i];
    return round.cpuMs.server === null || other.cpuMs.server === null ? NaN : round.cpuMs.server / round.requests / (other.cpuMs.server / other.requests);
  });
  const value = over.cpuMsPerRequest.server != null && under.cpuMsPerRequest.server ? over.cpuMsPerRequest.server / under.cpuMsPerRequest.server : null;
  return { ...base, value, perRound: perRound.some(Number.isNaN) ? undefined : perRound };
}

function addedLatency(issue: Ratio['issue'], top: ScenarioId, bottom: ScenarioId, level: number, find: Finder, meaning: string): Ratio {
  const found = pair(top, bottom, level, find);
  const base = {
    key: `p50_added_${top}_over_${bottom}_c${level}`,
    label: `(${top}) − (${bottom}) p50 latency, concurrency ${level}: ${meaning}`,
    issue,
    unit: 'ms' as const,
  };
  if ('note' in found) return { ...base, value: null, note: found.note };
  const { over, under } = found;
  return { ...base, value: over.latencyMs && under.latencyMs ? over.latencyMs.p50 - under.latencyMs.p50 : null };
}

function addedServerCpu(top: ScenarioId, bottom: ScenarioId, level: number, find: Finder): Ratio {
  const found = pair(top, bottom, level, find);
  const base = {
    key: `server_cpu_added_${top}_over_${bottom}_c${level}`,
    label: `(${top}) − (${bottom}) server CPU per request, concurrency ${level}: the gateway's own CPU cost`,
    issue: 3 as const,
    unit: 'ms' as const,
  };
  if ('note' in found) return { ...base, value: null, note: found.note };
  const over = found.over.cpuMsPerRequest.server;
  const under = found.under.cpuMsPerRequest.server;
  return { ...base, value: over != null && under != null ? over - under : null };
}

function withTarget(ratio: Ratio, comparison: '>=' | '<=', value: number): Ratio {
  const met = ratio.value === null ? undefined : comparison === '>=' ? ratio.value >= value : ratio.value <= value;
  return { ...ratio, target: { comparison, value }, met };
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
  return columns(header, rows);
}

/**
 * AxonGate next to the references, one row per kind of request: throughput and server CPU per request at the
 * highest concurrency, added p50 over the stub alone at the lowest. A measurement with failed answers shows `failed`.
 */
export function formatReferenceTable(measurements: Measurement[], concurrency: number[]): string {
  const find: Finder = (scenario, level) => measurements.find((m) => m.scenario === scenario && m.concurrency === level);
  const lowest = Math.min(...concurrency);
  const highest = Math.max(...concurrency);
  const servers = [
    ['AxonGate', 'gateway'],
    ['Portkey', 'portkey'],
    ['bare', 'bare'],
  ] as const;
  const cell = (id: ScenarioId | null, level: number, value: (m: Measurement) => number | null | undefined, digits: number) => {
    const m = id === null ? undefined : find(id, level);
    if (!m) return '–';
    return m.errors > 0 ? 'failed' : fixed(value(m), digits);
  };
  const header = [
    `concurrency ${highest} (added p50: ${lowest})`,
    ...servers.map(([name]) => `${name} req/s`),
    ...servers.map(([name]) => `${name} CPU/req`),
    ...servers.map(([name]) => `${name} +p50`),
  ];
  const rows = KINDS.map((kind) => {
    const direct = find(kind.direct, lowest)?.latencyMs?.p50;
    return [
      kind.label,
      ...servers.map(([, role]) => cell(kind[role], highest, (m) => m.requestsPerSecond, 0)),
      ...servers.map(([, role]) => cell(kind[role], highest, (m) => m.cpuMsPerRequest.server, 3)),
      ...servers.map(([, role]) => cell(kind[role], lowest, (m) => (m.latencyMs && direct !== undefined ? m.latencyMs.p50 - direct : null), 3)),
    ];
  });
  return columns(header, rows);
}

export function formatRatios(ratios: Ratio[]): string {
  const lines: string[] = [];
  for (const [issue, title] of [
    [3, 'Issue 3, against the framework floor:'],
    [13, 'Issue 13, against the references (Portkey, the bare node:http → undici proxy):'],
  ] as const) {
    const own = ratios.filter((ratio) => ratio.issue === issue);
    if (own.length === 0) continue;
    lines.push(title);
    for (const ratio of own) {
      const value = ratio.value === null ? `n/a${ratio.note ? ` (${ratio.note})` : ''}` : `${ratio.value.toFixed(3)}${ratio.unit === 'ms' ? ' ms' : ''}`;
      const target = ratio.target
        ? `  target ${ratio.target.comparison} ${ratio.target.value}${ratio.unit === 'ms' ? ' ms' : ''}: ${ratio.met === undefined ? 'n/a' : ratio.met ? 'MET' : 'MISSED'}`
        : '';
      const rounds = ratio.perRound ? `  (per round ${ratio.perRound.map((each) => each.toFixed(2)).join(', ')}; median ${median(ratio.perRound).toFixed(3)})` : '';
      lines.push(`  ${ratio.label}: ${value}${target}${rounds}`);
    }
  }
  return lines.join('\n');
}

function columns(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(digits);
}
