// The systemd unit as shipped (deploy/systemd): systemd itself checks it, then its command line runs in its working
// directory with its environment file, the real production server comes up on the instance's port, and the stop
// signal the unit sends ends it with an exit status the unit counts as success, within its stop timeout.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../test/helpers/free-port';
import { expect, test } from './support/fixtures';
import { ADMIN_PASSWORD } from './support/ui';

const UNIT = path.resolve('deploy/systemd/axongate@.service');
const ENV_FILE = path.resolve('deploy/systemd/axongate.env');
const INSTALL_DIR = '/opt/axongate';
const INSTALLED_ENV_FILE = '/etc/axongate/axongate.env';
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

/** The unit with this checkout as its install directory and `instance` as its port (what systemd would expand). */
function installedUnit(instance: number): string {
  return readFileSync(UNIT, 'utf8')
    .replaceAll(INSTALL_DIR, path.resolve('.'))
    .replaceAll(INSTALLED_ENV_FILE, ENV_FILE)
    .replaceAll('%i', String(instance));
}

/** `Key=Value` lines of one section; repeated keys keep every value, in order. */
function section(unit: string, name: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  let current = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) current = line.slice(1, -1);
    else if (current === name && line && !line.startsWith('#')) {
      const at = line.indexOf('=');
      entries.set(line.slice(0, at), [...(entries.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
    }
  }
  return entries;
}

/** systemd's EnvironmentFile= and Environment= assignments: KEY=VALUE, optionally in double quotes. */
function assignments(lines: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of lines) {
    const line = raw.trim().replace(/^"(.*)"$/, '$1');
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    values[line.slice(0, at)] = line.slice(at + 1).replace(/^"(.*)"$/, '$1');
  }
  return values;
}

test('systemd accepts the unit as written', async () => {
  test.skip(!existsSync(SYSTEMD_ANALYZE), 'systemd-analyze is not installed here');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axongate-unit-'));
  const file = path.join(dir, 'axongate@3000.service');
  // systemd checks that ExecStart's binary exists; here the machine's Node runs it.
  writeFileSync(file, installedUnit(3000).replace('/usr/bin/node', process.execPath));
  const { stderr } = await promisify(execFile)(SYSTEMD_ANALYZE, ['verify', file]);
  expect(stderr).toBe('');
});

test("the unit's command line and environment file run the production server, and its stop signal ends it cleanly", async ({ request }) => {
  test.setTimeout(120_000);
  const port = await findFreePort();
  const service = section(installedUnit(port), 'Service');
  const fromFile = assignments(readFileSync(service.get('EnvironmentFile')![0], 'utf8').split('\n'));
  // What an operator fills in: this run's database, secret and data directory instead of the example's.
  const operatorValues = {
    DATABASE_URL: process.env.E2E_DATABASE_URL!,
    NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET!,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    AXONGATE_DATA_DIR: process.env.E2E_DATA_DIR!,
  };
  const env: Record<string, string> = { PATH: process.env.PATH!, ...fromFile, ...operatorValues, ...assignments(service.get('Environment')!) };
  expect(env.PORT).toBe(String(port));
  const [binary, ...args] = service.get('ExecStart')![0].split(' ');
  expect(binary).toBe('/usr/bin/node');
  const child = spawn(process.execPath, args, { cwd: service.get('WorkingDirectory')![0], env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
    const login = await request.post(`http://127.0.0.1:${port}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(login.status()).toBe(200);

    const stoppedAt = Date.now();
    child.kill(service.get('KillSignal')![0] as NodeJS.Signals);
    // The environment file's drain: health says 503 while requests are still served.
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0), { timeout: 2_000 }).toBe(503);
    const code = await exited;
    expect(service.get('SuccessExitStatus')![0].split(' ')).toContain(String(code));
    const timeoutSeconds = Number(service.get('TimeoutStopSec')![0]);
    expect(Date.now() - stoppedAt).toBeLessThan(timeoutSeconds * 1000);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(Number(env.AXONGATE_SHUTDOWN_DRAIN_MS));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
