import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    // eslint-config-next's own defaults, restated because a globalIgnores block replaces them.
    '.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    // Generated Prisma client, local data and test output.
    'lib/db/generated/**',
    'data/**',
    'test-results/**',
    'playwright-report/**',
    'e2e/screenshots/**',
    // A miniature lib/ that breaks the architecture rules on purpose (test/architecture).
    'test/architecture/fixture/**',
  ]),
]);
