// Runs an agent CLI (Codex, Claude Code) to its end in a clean environment: only PATH and what the test gives, with
// a throwaway HOME so no user configuration leaks in. Killed after the time limit; resolves with its exit code and
// everything it wrote to stdout and stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type CliRun = { code: number | null; output: string };

export function runCli(command: string, args: string[], options: { cwd: string; home: string; env: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOME: options.home, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A fresh temp directory named for what it holds. */
export function tempDir(purpose: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `axongate-${purpose}-`));
}
