// Shared by scripts/start.mjs and the e2e web server: make sure an up-to-date standalone build exists.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const standaloneDir = path.join(root, '.next', 'standalone');
/** The production server: Next's standalone server with the gateway mounted in front (scripts/server.mjs, copied by the build step). */
export const standaloneServer = path.join(standaloneDir, 'axongate-server.mjs');
export const nextStandaloneServer = path.join(standaloneDir, 'server.js');

const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildIdFile = path.join(root, '.next', 'BUILD_ID');

/** Everything `next build` reads from the project; a change to any of them makes the build stale. */
const BUILD_INPUTS = [
  'app',
  'lib',
  'public',
  'prisma',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

/**
 * Runs `next build` when there is no standalone build, or (with `rebuildWhenStale`) when a source file is
 * newer than it; then drops any copy of the data directory from the build, puts the static assets next to the
 * standalone server, which serves them only from there, and adds the production server (scripts/server.mjs).
 * `onChild` hands the caller the build process, so it can forward signals to it.
 */
export async function ensureProductionBuild({ rebuildWhenStale = false, env = process.env, onChild } = {}) {
  const reason = buildNeeded(rebuildWhenStale);
  if (reason) {
    console.log(`[build] ${reason}: running \`next build\``);
    const started = Date.now();
    const code = await runNode([nextBin, 'build'], { cwd: root, env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } }, onChild);
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
    console.log(`[build] done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  await removeDataDirectory(env);
  await copyStaticAssets();
  await cp(path.join(root, 'scripts', 'server.mjs'), standaloneServer);
}

/**
 * File tracing copies whatever a dynamic file access might reach; when that includes the data directory, the
 * standalone folder would carry the vault keys, the session secret and the embedded database. Never keep them.
 */
async function removeDataDirectory(env) {
  const relative = path.relative(root, path.resolve(root, env.AXONGATE_DATA_DIR ?? 'data'));
  if (relative.startsWith('..') || path.isAbsolute(relative) || relative === '') return;
  const copied = path.join(standaloneDir, relative);
  if (!existsSync(copied)) return;
  console.warn(`[build] removing ${path.relative(root, copied)}: build tracing copied the data directory into the build`);
  await rm(copied, { recursive: true, force: true });
}

function buildNeeded(rebuildWhenStale) {
  if (!existsSync(buildIdFile) || !existsSync(nextStandaloneServer)) return 'no production build found';
  if (!rebuildWhenStale) return undefined;
  const builtAt = statSync(buildIdFile).mtimeMs;
  const changed = BUILD_INPUTS.map((input) => newestChange(path.join(root, input))).find((file) => file && file.mtimeMs > builtAt);
  return changed ? `${path.relative(root, changed.path)} changed since the last build` : undefined;
}

/** The most recently modified file under `target` (tests excluded: they are not part of the build). */
function newestChange(target) {
  if (!existsSync(target)) return undefined;
  const stats = statSync(target);
  if (!stats.isDirectory()) return { path: target, mtimeMs: stats.mtimeMs };
  let newest;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (/\.test\.tsx?$/.test(entry.name)) continue;
    const candidate = newestChange(path.join(target, entry.name));
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

async function copyStaticAssets() {
  const staticTarget = path.join(standaloneDir, '.next', 'static');
  await rm(staticTarget, { recursive: true, force: true });
  await cp(path.join(root, '.next', 'static'), staticTarget, { recursive: true });
  const publicDir = path.join(root, 'public');
  if (existsSync(publicDir)) await cp(publicDir, path.join(standaloneDir, 'public'), { recursive: true, force: true });
}

/** Runs `node <args>` with inherited stdio; resolves with the exit code (128 + signal number when killed). */
export function runNode(args, options, onChild) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { ...options, stdio: 'inherit' });
    onChild?.(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (osConstants.signals[signal] ?? 0)));
  });
}
