// The two references of issue 13, each its own process in front of the same stub as AxonGate, measured in the same
// run: the Portkey gateway (the devDependency @portkey-ai/gateway, its Node build, with bench/portkey-preload.mjs)
// and the bare node:http → undici proxy of bench/bare-proxy.ts, the floor of what any Node proxy costs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findFreePort } from '../test/helpers/free-port';
import { root, type Harness } from './harness';
import type { BenchProcess } from './processes';
import { bareProxyScenarios, portkeyScenarios, type ReferenceUpstream, type Scenario } from './scenarios';

export type Reference = { process: BenchProcess; url: string };

export type PortkeyReference = Reference & { version: string };

const preload = path.join(import.meta.dirname, 'portkey-preload.mjs');

/** Variables Portkey reads that would send its upstream requests through a proxy, serve TLS, cache in Redis or change its trusted hosts. */
const PORTKEY_UNSET = /^(https?_proxy|no_proxy|all_proxy|TRUSTED_CUSTOM_HOSTS|PORT|TLS_.*|REDIS_.*)$/i;

/**
 * The Portkey gateway's own start script (`npx @portkey-ai/gateway`) on a free loopback port, under the preload
 * (see portkey-preload.mjs), headless and with NODE_ENV=production so it serves no console and keeps no log
 * stream. Its default custom-host allowlist (loopback) is pinned, so the stub's 127.0.0.1 URL is accepted.
 */
export async function startPortkey(harness: Harness, logPath: string): Promise<PortkeyReference> {
  const manifestPath = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string; bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  const port = await findFreePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PORTKEY_UNSET.test(name)));
  const started = await harness.startHelper({
    name: 'Portkey gateway',
    args: ['--import', preload, path.join(path.dirname(manifestPath), bin), `--port=${port}`, '--headless'],
    env: { ...env, NODE_ENV: 'production', TRUSTED_CUSTOM_HOSTS: '127.0.0.1' },
    logPath,
    healthUrl: `http://127.0.0.1:${port}/`,
  });
  return { ...started, version: manifest.version };
}

export function startBareProxy(harness: Harness, stubUrl: string, logPath: string): Promise<Reference> {
  return harness.startHelper({
    name: 'bare proxy',
    args: ['--import', 'tsx', path.join(import.meta.dirname, 'bare-proxy.ts'), '--upstream', stubUrl, '--port', '0'],
    env: { ...process.env, NODE_ENV: 'production' },
    logPath,
  });
}

/** Answers checked in full per reference scenario before its load: a stream that drops a chunk now and then shows. */
export const REFERENCE_CHECKS = 20;
const CHECKS_AT_ONCE = 4;

/**
 * Sends `count` requests of a scenario, `CHECKS_AT_ONCE` at a time, and checks every answer in full: status, and
 * for streams every chunk and the end marker ([DONE] or message_stop). Returns the first problem, or null.
 */
export async function checkAnswers(harness: Harness, scenario: Scenario, count: number): Promise<string | null> {
  const { request } = scenario;
  const one = async (): Promise<string | null> => {
    const response = await harness.fetch(`${request.origin}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
    return response.status !== request.check.status ? `HTTP ${response.status}: ${response.body.slice(0, 300)}` : scenario.verify(response.body);
  };
  for (let sent = 0; sent < count; sent += CHECKS_AT_ONCE) {
    const problems = await Promise.all(Array.from({ length: Math.min(CHECKS_AT_ONCE, count - sent) }, one));
    const problem = problems.find((candidate) => candidate !== null);
    if (problem) return `(${scenario.id}) ${scenario.title}: ${problem}`;
  }
  return null;
}

export type ReferenceSummary = {
  name: string;
  status: 'measured' | 'off' | 'skipped';
  /** Why a reference asked for was not measured (it did not start, or its answers were incomplete). */
  reason?: string;
  version?: string;
  detail?: string;
};

export type StartedReferences = {
  bare?: Reference;
  portkey?: PortkeyReference;
  scenarios: Scenario[];
  summary: { bare: ReferenceSummary; portkey: ReferenceSummary };
};

/**
 * Starts the references asked for and checks REFERENCE_CHECKS answers of each of their scenarios in full before any
 * load: a reference whose answers are not all complete is not measured (its numbers would mean nothing). The bare
 * proxy is this project's own code, so a failure there stops the run; Portkey's is reported and the run goes on.
 */
export async function startReferences(
  harness: Harness,
  options: { portkey: boolean; bareProxy: boolean },
  upstream: ReferenceUpstream,
  resultsDir: string,
): Promise<StartedReferences> {
  const { log } = harness;
  const portkeyLog = path.join(resultsDir, 'portkey.log');
  const summary: StartedReferences['summary'] = {
    bare: { name: 'the bare proxy', status: 'off' },
    portkey: { name: 'the Portkey gateway', status: 'off' },
  };
  const checkAll = async (scenarios: Scenario[]) => {
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const problem = await checkAnswers(harness, scenario, REFERENCE_CHECKS);
      if (problem) problems.push(problem);
    }
    return problems;
  };

  let bare: Reference | undefined;
  let bareScenarios: Scenario[] = [];
  if (options.bareProxy) {
    bare = await startBareProxy(harness, upstream.stubUrl, path.join(resultsDir, 'bare-proxy.log'));
    bareScenarios = bareProxyScenarios(bare.url, upstream);
    const problems = await checkAll(bareScenarios);
    if (problems.length > 0) throw new Error(`the bare proxy: ${problems.join('; ')}`);
    log(`bare node:http → undici proxy at ${bare.url} (pid ${bare.process.pid}): ${REFERENCE_CHECKS} complete answers per scenario`);
    summary.bare = { ...summary.bare, status: 'measured', detail: 'bench/bare-proxy.ts' };
  }

  let portkey: PortkeyReference | undefined;
  let portkeyChecked: Scenario[] = [];
  if (options.portkey) {
    try {
      portkey = await startPortkey(harness, portkeyLog);
      summary.portkey = {
        ...summary.portkey,
        version: portkey.version,
        detail: 'under bench/portkey-preload.mjs: fetch responses re-created with mutable headers',
      };
      const scenarios = portkeyScenarios(portkey.url, upstream);
      const problems = await checkAll(scenarios);
      if (problems.length > 0) throw new Error(`incomplete or failed answers: ${problems.join('; ')}`);
      portkeyChecked = scenarios;
      summary.portkey.status = 'measured';
      log(`Portkey gateway ${portkey.version} at ${portkey.url} (pid ${portkey.process.pid}): ${REFERENCE_CHECKS} complete answers per scenario`);
    } catch (error) {
      harness.signal.throwIfAborted();
      summary.portkey = { ...summary.portkey, status: 'skipped', reason: (error as Error).message };
      log(`the Portkey gateway is not measured: ${summary.portkey.reason} (its log: ${path.relative(root, portkeyLog)})`);
    }
  }
  return { bare, portkey, scenarios: [...bareScenarios, ...portkeyChecked], summary };
}
