// A second instance of the production server (axongate-server.mjs) on the e2e database, for tests that need a
// configuration or a life cycle of their own: started here, waited for until healthy, its stdout read by line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { findFreePort } from '../../test/helpers/free-port';

/** scripts/production-build.mjs, typed at this boundary (the project compiles no JavaScript). */
type ProductionBuild = { standaloneDir: string; standaloneServer: string };

export type SecondServer = {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  child: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  lineStartingWith(prefix: string): Promise<string>;
  /** SIGKILL if it still runs. */
  kill(): void;
};

export async function startSecondServer(env: Record<string, string> = {}): Promise<SecondServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const build = (await import(pathToFileURL(path.resolve('scripts/production-build.mjs')).href)) as ProductionBuild;
  const child = spawn(process.execPath, [build.standaloneServer], {
    cwd: build.standaloneDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AXONGATE_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: url,
      ...env,
    },
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  lines.on('line', (line) => {
    for (const waiter of waiting.filter(({ prefix }) => line.startsWith(prefix))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const server: SecondServer = {
    port,
    url,
    child,
    lineStartingWith: (prefix) => new Promise((resolve) => waiting.push({ prefix, resolve })),
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
