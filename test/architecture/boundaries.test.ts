// The architecture rules of .dependency-cruiser.cjs bite: run over a miniature lib/ that breaks each of them
// once (test/architecture/fixture), dependency-cruiser reports every break, and nothing else.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixture');

type Violation = { rule: { name: string }; from: string; to: string };

async function cruiseFixture(): Promise<Violation[]> {
  const bin = path.join(root, 'node_modules/.bin/depcruise');
  const config = path.join(root, '.dependency-cruiser.cjs');
  // depcruise exits non-zero when it finds violations, which is what this fixture is for.
  const { stdout } = await promisify(execFile)(bin, ['lib', 'app', '--config', config, '--output-type', 'json'], { cwd: fixture }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('architecture rules', () => {
  it('report every deliberate break in the fixture, and only those', async () => {
    const found = (await cruiseFixture()).map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to.replace(/^(\.\.\/)+/, '')}`);
    expect(found.sort()).toEqual(
      [
        'gateway-has-one-door: lib/users/reach-in.ts → lib/gateway/relay/internal.ts',
        'layer-1-imports-upward: lib/db/upward.ts → lib/server/wiring.ts',
        'layer-3-imports-upward: lib/protocol/impure.ts → lib/usage/record.ts',
        'lib-does-not-import-app: lib/api/reaches-app.ts → app/page.ts',
        'lib-does-not-import-next: lib/gateway/uses-next.ts → node_modules/next/server.js',
        'next-auth-only-in-auth: lib/users/session.ts → node_modules/next-auth/jwt/index.js',
        'no-file-cycles: lib/usage/first.ts → lib/usage/second.ts',
        'no-folder-cycles: lib/audit → lib/users',
        'no-folder-cycles: lib/users → lib/audit',
        'protocol-is-pure: lib/protocol/impure.ts → lib/usage/record.ts',
      ].sort(),
    );
  }, 30_000);
});
