// The processes the benchmark starts (the stub upstream and the standalone server): spawned with their output in
// a log file, stopped by pid (SIGTERM, then SIGKILL), and measured through /proc for the CPU time they used.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export type BenchProcess = {
  name: string;
  pid: number;
  logPath: string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<string>;
  /** The first line the process printed on stdout. */
  firstLine: Promise<string>;
  isRunning(): boolean;
  stop(): Promise<void>;
};

const live = new Set<ChildProcess>();

// Last resort when the benchmark itself dies without its clean-up (an uncaught error in a callback): no child
// may outlive it. `exit` handlers run synchronously, so only a kill fits here.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function startProcess(options: {
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logPath: string;
}): BenchProcess {
  const log = createWriteStream(options.logPath, { flags: 'w' });
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${options.name} did not start`);
  live.add(child);

  let exitCode: string | null = null;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exitCode = signal ?? String(code);
      resolve(exitCode);
    });
    child.once('error', (error) => {
      live.delete(child);
      exitCode = error.message;
      resolve(exitCode);
    });
  });
  child.stderr.pipe(log, { end: false });
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then((code) => reject(new Error(`${options.name} exited (${code}) before printing anything; see ${options.logPath}`)));
  });
  // A rejection nobody waits for would crash the benchmark: callers that need the line attach their own handler.
  firstLine.catch(() => undefined);
  lines.on('line', (line) => log.write(`${line}\n`));

  return {
    name: options.name,
    pid: child.pid,
    logPath: options.logPath,
    exited,
    firstLine,
    isRunning: () => exitCode === null,
    async stop() {
      if (exitCode !== null) return;
      child.kill('SIGTERM');
      // Long enough for the server to flush usage rows and write a CPU profile, short enough to bound a stop.
      const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
      log.end();
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux Node supports). */
const USER_HZ = 100;

/** CPU time (user + system, every thread) a process has used so far, in milliseconds; null off Linux. */
export async function readCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** The last lines of a log, to show why a process failed. */
export async function readLogTail(logPath: string, lines = 30): Promise<string> {
  try {
    return (await readFile(logPath, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
