import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { findFreePort } from './test/helpers/free-port';

// The end-to-end run starts the production (standalone) build on a free port, against a database of its own on
// the local PostgreSQL server. Playwright loads this file again in every worker: values are chosen once, in the
// runner, and handed down through the environment the workers inherit.
process.env.E2E_PORT ??= String(await findFreePort());
process.env.E2E_DATABASE ??= `axongate_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'axongate-e2e-'));
process.env.E2E_ADMIN_PASSWORD ??= 'e2e-admin-password';
process.env.E2E_NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');

const serverUrl = process.env.E2E_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${process.env.E2E_DATABASE}`;
// Tests that start a second server instance on the same database read it from here.
process.env.E2E_DATABASE_URL = databaseUrl.toString();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Debian's Chromium: Playwright's own browser downloads are not available here.
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Creates the run's database, builds when the build is missing or stale, then serves .next/standalone.
    command: 'node e2e/support/serve.mjs',
    url: `${baseURL}/api/health`,
    // A first `next build` takes a few minutes on a small machine.
    timeout: 10 * 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: process.env.E2E_PORT,
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      E2E_POSTGRES_URL: serverUrl,
      AXONGATE_DATA_DIR: process.env.E2E_DATA_DIR,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      // One log line per request of every test would bury the failures; e2e/server-logs.spec.ts reads the info
      // lines of a server of its own.
      LOG_LEVEL: 'warn',
    },
  },
});
