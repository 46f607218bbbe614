// What every measuring script here shares: one run that Ctrl-C, SIGTERM or a time limit aborts; clean-up steps
// that always run (newest first, each bounded) so no process or database outlives it; fetches and waits bounded in
// time and tied to the run; and the processes it starts: the production build, the stub upstream and the server.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { findFreePort } from '../test/helpers/free-port';
import { readLogTail, startProcess, type BenchProcess } from './processes';

/** scripts/production-build.mjs, typed at this boundary (the project compiles no JavaScript). */
export type ProductionBuild = {
  root: string;
  standaloneDir: string;
  standaloneServer: string;
  nextStandaloneServer: string;
  ensureProductionBuild(options: { rebuildWhenStale?: boolean; env?: NodeJS.ProcessEnv; onChild?: (child: ChildProcess) => void }): Promise<void>;
};

export const root = path.resolve(import.meta.dirname, '..');
const BUILD_TIME_LIMIT_MS = 20 * 60_000;
// Start-up generates a 3072-bit vault key and hashes the admin password: slow on a busy two-core machine.
const START_TIME_LIMIT_MS = 120_000;
const REQUEST_TIME_LIMIT_MS = 30_000;

export type Harness = {
  signal: AbortSignal;
  log(line: string): void;
  abort(reason: string): void;
  /** Adds a step to undo at the end, whatever happens. */
  onCleanUp(name: string, run: () => Promise<void>): void;
  /** Aborts the run after `seconds` from now (the build is bounded on its own). */
  limitTo(seconds: number): void;
  fetch(url: string, init: RequestInit, ms?: number): Promise<{ status: number; body: string }>;
  within<T>(promise: Promise<T>, ms: number, message: string): Promise<T>;
  ensureBuild(options: { rebuildWhenStale: boolean }): Promise<ProductionBuild>;
  startStub(args: string[], logPath: string): Promise<{ process: BenchProcess; url: string }>;
  /**
   * Starts another process the run talks to (a reference proxy, bench/references.ts), stopped at the end like the
   * others. With `healthUrl` it is ready once that URL answers 200 (and its origin is the process's URL); without,
   * it prints its URL on its first line.
   */
  startHelper(options: { name: string; args: string[]; env: NodeJS.ProcessEnv; logPath: string; healthUrl?: string }): Promise<{
    process: BenchProcess;
    url: string;
  }>;
  startServer(options: { build: ProductionBuild; script: string; databaseUrl: string; dataDir: string; logPath: string; nodeArgs?: string[] }): Promise<{
    process: BenchProcess;
    url: string;
    adminPassword: string;
  }>;
};

/**
 * Runs `main` as the script's whole life: its exit code becomes the process's, and every clean-up step runs on
 * success, failure, Ctrl-C and a reached time limit.
 */
export async function runHarnessed(name: string, main: (harness: Harness) => Promise<number>): Promise<never> {
  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  const run = new AbortController();
  // Every request in flight listens on the run's signal: thousands at once is expected, not a leak.
  setMaxListeners(0, run.signal);
  let buildChild: ChildProcess | undefined;
  const log = (line: string) => console.log(`[${name}] ${line}`);
  const abort = (reason: string) => {
    if (run.signal.aborted) return;
    log(`stopping: ${reason}`);
    run.abort(new Error(reason));
    buildChild?.kill('SIGTERM');
  };

  let firstSignalAt: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Ctrl-C arrives twice (terminal and npm): only a signal well after the first forces an exit without clean-up.
      if (firstSignalAt !== undefined && Date.now() - firstSignalAt > 3_000) {
        console.error(`[${name}] forced exit: a throwaway database may be left behind (see the log above for its name)`);
        process.exit(130);
      }
      firstSignalAt ??= Date.now();
      abort(`received ${signal}`);
    });
  }

  const within = async <T>(promise: Promise<T>, ms: number, message: string): Promise<T> => {
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
  };

  const boundedFetch = async (url: string, init: RequestInit, ms = REQUEST_TIME_LIMIT_MS) => {
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
  };

  const harness: Harness = {
    signal: run.signal,
    log,
    abort,
    onCleanUp: (stepName, step) => void cleanups.push({ name: stepName, run: step }),
    limitTo: (seconds) => {
      const timer = setTimeout(() => abort(`the time limit of ${seconds} s was reached`), seconds * 1000);
      cleanups.push({ name: 'cancel the time limit', run: async () => clearTimeout(timer) });
    },
    fetch: boundedFetch,
    within,
    async ensureBuild({ rebuildWhenStale }) {
      const build = (await import(pathToFileURL(path.join(root, 'scripts', 'production-build.mjs')).href)) as ProductionBuild;
      const timer = setTimeout(() => abort(`the build took longer than ${BUILD_TIME_LIMIT_MS / 60_000} minutes`), BUILD_TIME_LIMIT_MS);
      try {
        await build.ensureProductionBuild({ rebuildWhenStale, onChild: (child) => (buildChild = child) });
      } finally {
        clearTimeout(timer);
        buildChild = undefined;
      }
      run.signal.throwIfAborted();
      return build;
    },
    startStub(args, logPath) {
      return harness.startHelper({
        name: 'stub upstream',
        args: ['--import', 'tsx', 'test/upstream-stub/serve.ts', '--port', '0', ...args],
        env: { ...process.env, NODE_ENV: 'production' },
        logPath,
      });
    },
    async startHelper(options) {
      const helper = startProcess({ name: options.name, args: options.args, cwd: root, env: options.env, logPath: options.logPath });
      cleanups.push({ name: `stop the ${options.name}`, run: () => helper.stop() });
      if (options.healthUrl === undefined) {
        const url = await within(helper.firstLine, START_TIME_LIMIT_MS, `the ${options.name} did not print its URL`);
        return { process: helper, url };
      }
      await waitForHealth(options.healthUrl, helper, run.signal, boundedFetch);
      return { process: helper, url: new URL(options.healthUrl).origin };
    },
    async startServer(options) {
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      const adminPassword = randomBytes(12).toString('hex');
      const server = startProcess({
        name: 'gateway server',
        args: [...(options.nodeArgs ?? []), options.script],
        cwd: options.build.standaloneDir,
        env: serverEnvironment({ port, databaseUrl: options.databaseUrl, adminPassword, dataDir: options.dataDir, serverUrl: url }),
        logPath: options.logPath,
      });
      cleanups.push({ name: 'stop the server', run: () => server.stop() });
      await waitForHealth(`${url}/api/health`, server, run.signal, boundedFetch);
      return { process: server, url, adminPassword };
    },
  };

  const cleanUp = async () => {
    const done: string[] = [];
    // A clean-up that hangs must not keep the database from being dropped: each step gets a bound.
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await withTimeout(step.run(), 30_000);
        done.push(step.name);
      } catch (error) {
        console.error(`[${name}] clean-up step "${step.name}" failed: ${(error as Error).message}`);
      }
    }
    if (done.length > 0) log(`cleaned up: ${done.join(', ')}`);
  };

  // A pending await with no timer or socket behind it would let Node exit silently, skipping the clean-up.
  const keepAlive = setInterval(() => undefined, 60_000);
  let exitCode = 1;
  const work = main(harness).then(
    (code) => (exitCode = code),
    (error: unknown) => {
      if (!run.signal.aborted) console.error(`[${name}] failed:`, error instanceof Error ? error.message : error);
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

/** Waits until `healthUrl` answers 200 (the gateway server migrates its database and creates the admin first). */
async function waitForHealth(
  healthUrl: string,
  server: BenchProcess,
  signal: AbortSignal,
  fetchWithinLimit: Harness['fetch'],
): Promise<void> {
  const deadline = Date.now() + START_TIME_LIMIT_MS;
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    if (!server.isRunning()) throw new Error(`the ${server.name} exited during start-up:\n${await readLogTail(server.logPath)}`);
    try {
      const response = await fetchWithinLimit(healthUrl, {}, 5_000);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200, undefined, { signal });
  }
  throw new Error(`the ${server.name} did not become healthy within ${START_TIME_LIMIT_MS / 1000} s:\n${await readLogTail(server.logPath)}`);
}

/** Bounded without the run's signal: clean-up runs after the run was aborted, too. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
