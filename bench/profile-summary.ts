// Where the server's CPU time went during one scenario's rounds, from the .cpuprofile `node --cpu-prof` writes at
// exit: self time per area (Next, the app bundle, Prisma, Node core) and per function, and total (inclusive)
// time per function, in microseconds per request. Samples outside the rounds (start-up, warm-up, the other
// scenarios) are left out by their timestamps.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileEntry = { name: string; ms: number; share: number; usPerRequest: number };

/** Every function's and area's time in one scenario's rounds. */
export type ProfileTally = {
  windowMs: number;
  /** Sampled time not spent idle. */
  busyMs: number;
  requests: number;
  byArea: Map<string, number>;
  self: Map<string, number>;
  total: Map<string, number>;
};

export type ProfileSummary = {
  windowMs: number;
  busyMs: number;
  requests: number;
  byArea: ProfileEntry[];
  topSelf: ProfileEntry[];
  topTotal: ProfileEntry[];
};

/** What one scenario costs the server per request beyond another (the gateway beyond the framework floor). */
export type ProfileComparison = {
  addedUsPerRequest: number;
  byArea: ComparedEntry[];
  topSelf: ComparedEntry[];
  topTotal: ComparedEntry[];
};

export type ComparedEntry = { name: string; usPerRequest: number; baselineUsPerRequest: number; addedUsPerRequest: number };

export type TimeWindow = { startUs: number; endUs: number };

const IDLE = '(idle)';

export async function readCpuProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
}

/** Names every profile node once (reading the bundle for source hints), for any number of tallies. */
export async function nameProfileNodes(profile: CpuProfile): Promise<Map<number, string>> {
  const sources = new SourceHints();
  const names = new Map<number, string>();
  for (const node of profile.nodes) names.set(node.id, await describe(node.callFrame, sources));
  return names;
}

export function tallyCpuProfile(
  profile: CpuProfile,
  names: Map<number, string>,
  options: { windows: TimeWindow[]; requests: number },
): ProfileTally {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const tally: ProfileTally = { windowMs: 0, busyMs: 0, requests: options.requests, byArea: new Map(), self: new Map(), total: new Map() };
  let at = profile.startTime;
  for (const [index, nodeId] of profile.samples.entries()) {
    at += profile.timeDeltas[index];
    if (!options.windows.some((window) => at >= window.startUs && at < window.endUs)) continue;
    // timeDeltas[i] is the gap before sample i; the gap after it is the time the sample stands for.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(nodeId);
    if (!node) continue;
    tally.windowMs += ms;
    if (node.callFrame.functionName === IDLE) continue;
    tally.busyMs += ms;
    add(tally.self, names.get(nodeId)!, ms);
    add(tally.byArea, classify(node.callFrame), ms);
    // Each function once per sample, however often recursion puts it on the stack.
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const key = names.get(id)!;
      if (!seen.has(key)) {
        seen.add(key);
        add(tally.total, key, ms);
      }
    }
  }
  return tally;
}

export function summarizeTally(tally: ProfileTally, top = 20): ProfileSummary {
  const rank = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms, share: tally.busyMs === 0 ? 0 : ms / tally.busyMs, usPerRequest: perRequest(ms, tally.requests) }));
  return {
    windowMs: tally.windowMs,
    busyMs: tally.busyMs,
    requests: tally.requests,
    byArea: rank(tally.byArea, 12),
    topSelf: rank(tally.self, top),
    topTotal: rank(tally.total, top),
  };
}

export function compareTallies(tally: ProfileTally, baseline: ProfileTally, top = 25): ProfileComparison {
  const rank = (current: Map<string, number>, before: Map<string, number>, limit: number) =>
    [...new Set([...current.keys(), ...before.keys()])]
      .map((name) => {
        const usPerRequest = perRequest(current.get(name) ?? 0, tally.requests);
        const baselineUsPerRequest = perRequest(before.get(name) ?? 0, baseline.requests);
        return { name, usPerRequest, baselineUsPerRequest, addedUsPerRequest: usPerRequest - baselineUsPerRequest };
      })
      .sort((a, b) => b.addedUsPerRequest - a.addedUsPerRequest)
      .slice(0, limit);
  return {
    addedUsPerRequest: perRequest(tally.busyMs, tally.requests) - perRequest(baseline.busyMs, baseline.requests),
    byArea: rank(tally.byArea, baseline.byArea, 12),
    topSelf: rank(tally.self, baseline.self, top),
    topTotal: rank(tally.total, baseline.total, top),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const list = (entries: ProfileEntry[]) =>
    entries
      .map((entry) => `    ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.usPerRequest.toFixed(0).padStart(6)} µs/req  ${entry.name}`)
      .join('\n');
  return [
    `  ${summary.busyMs.toFixed(0)} ms busy of ${summary.windowMs.toFixed(0)} ms sampled, ${summary.requests} requests: ${perRequest(summary.busyMs, summary.requests).toFixed(0)} µs of server CPU per request`,
    '  self time by area:',
    list(summary.byArea),
    '  self time by function:',
    list(summary.topSelf),
    '  total (inclusive) time by function:',
    list(summary.topTotal),
  ].join('\n');
}

export function formatProfileComparison(comparison: ProfileComparison): string {
  const list = (entries: ComparedEntry[]) =>
    entries
      .map(
        (entry) =>
          `    ${entry.addedUsPerRequest.toFixed(0).padStart(6)} µs/req added  (${entry.usPerRequest.toFixed(0).padStart(5)} vs ${entry.baselineUsPerRequest.toFixed(0).padStart(5)})  ${entry.name}`,
      )
      .join('\n');
  return [
    `  ${comparison.addedUsPerRequest.toFixed(0)} µs of server CPU added per request`,
    '  self time by area:',
    list(comparison.byArea),
    '  self time by function:',
    list(comparison.topSelf),
    '  total (inclusive) time by function:',
    list(comparison.topTotal),
  ].join('\n');
}

function perRequest(ms: number, requests: number): number {
  return requests === 0 ? 0 : (ms * 1000) / requests;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** The production bundle is minified: its functions are named by position plus the code they start with. */
async function describe(frame: CallFrame, sources: SourceHints): Promise<string> {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const position = `${shortenUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
  const hint = frame.url.includes('/.next/server/chunks/') ? await sources.codeAt(frame) : '';
  return hint ? `${name}  ${position}  «${hint}»` : `${name}  ${position}`;
}

class SourceHints {
  private readonly files = new Map<string, Promise<string[] | null>>();
  private readonly hints = new Map<string, string>();

  async codeAt(frame: CallFrame): Promise<string> {
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    const known = this.hints.get(key);
    if (known !== undefined) return known;
    if (!this.files.has(frame.url)) {
      this.files.set(
        frame.url,
        readFile(fileURLToPath(frame.url), 'utf8')
          .then((text) => text.split('\n'))
          .catch(() => null),
      );
    }
    const lines = await this.files.get(frame.url)!;
    const hint = lines?.[frame.lineNumber]?.slice(frame.columnNumber, frame.columnNumber + 70) ?? '';
    this.hints.set(key, hint);
    return hint;
  }
}

function shortenUrl(url: string): string {
  const standalone = url.indexOf('.next/standalone/');
  if (standalone !== -1) return url.slice(standalone + '.next/standalone/'.length);
  return url.replace(/^file:\/\//, '');
}

function classify(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node core (node:*)';
  if (url.includes('/.next/server/chunks/')) return 'app bundle (.next/server/chunks: lib/, undici, zod…)';
  if (url.includes('/.next/server/')) return 'app route entries (.next/server/app)';
  if (url.includes('/node_modules/next/')) return 'next server (node_modules/next)';
  if (url.includes('/node_modules/@prisma/') || url.includes('/node_modules/.prisma/')) return 'prisma';
  if (url.includes('/node_modules/pg')) return 'pg';
  const packageMatch = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return packageMatch ? `node_modules/${packageMatch[1]}` : 'other';
}
