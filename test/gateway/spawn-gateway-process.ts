import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseLogLine, type LogEntry } from '../helpers/log-lines';

export type GatewayProcess = {
  child: ChildProcess;
  url: string;
  /** Resolves with the first log entry the process writes from now on whose message starts with `prefix`. */
  nextLogEntry: (prefix: string) => Promise<LogEntry>;
};

/** Starts gateway-process.ts as a child on the test's database and resolves once it listens. */
export async function spawnGatewayProcess(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'gateway-process.ts')], {
    // Info, whatever the test run's own level: the tests wait for the shutdown's info lines.
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  const nextLogEntry = (prefix: string) =>
    new Promise<LogEntry>((resolve) => {
      const onLine = (line: string) => {
        const entry = parseLogLine(line);
        if (!entry?.msg.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolve(entry);
      };
      lines.on('line', onLine);
    });
  return { child, url: `http://127.0.0.1:${port}`, nextLogEntry };
}
