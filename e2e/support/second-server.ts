// A second instance of the production server (axongate-server.mjs) on the e2e database, for tests that need a
// configuration or a life cycle of their own: started here, waited for until healthy, its log read by entry.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { findFreePort } from '../../test/helpers/free-port';
import { parseLogLine, type LogEntry } from '../../test/helpers/log-lines';

/** scripts/production-build.mjs, typed at this boundary (the project compiles no JavaScript). */
type ProductionBuild = { standaloneDir: string; standaloneServer: string };

export type SecondServer = {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  child: ChildProcess;
  /** Resolves with the first log entry from now on whose message starts with `prefix`. */
  logEntry(prefix: string): Promise<LogEntry>;
  /** Every log entry and every other stdout line written so far. */
  entries: LogEntry[];
  output: string[];
  /** SIGKILL if it still runs. */
  kill(): void;
};

/** `env` is laid over the e2e server's environment; an undefined value removes the variable. */
export async function startSecondServer(env: Record<string, string | undefined> = {}): Promise<SecondServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const build = (await import(pathToFileURL(path.resolve('scripts/production-build.mjs')).href)) as ProductionBuild;
  const child = spawn(process.execPath, [build.standaloneServer], {
    cwd: build.standaloneDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: withoutUnset({
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AXONGATE_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: url,
      LOG_LEVEL: 'info',
      ...env,
    }),
  });
  const lines = createInterface({ input: child.stdout! });
  const entries: LogEntry[] = [];
  const output: string[] = [];
  const waiting: { prefix: string; resolve: (entry: LogEntry) => void }[] = [];
  lines.on('line', (line) => {
    output.push(line);
    const entry = parseLogLine(line);
    if (!entry) return;
    entries.push(entry);
    for (const waiter of waiting.filter(({ prefix }) => entry.msg.startsWith(prefix))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  });
  const server: SecondServer = {
    port,
    url,
    child,
    entries,
    output,
    logEntry: (prefix) => new Promise((resolve) => waiting.push({ prefix, resolve })),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  await waitUntilHealthy(server, 60_000);
  return server;
}

async function waitUntilHealthy(server: SecondServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the second server exited with ${server.child.exitCode}`);
    const status = await fetch(`${server.url}/api/health`).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the second server was not healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function withoutUnset(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
}
