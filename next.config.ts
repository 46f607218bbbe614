import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone (README, "Production"); `npm start` and the e2e tests run that server.
  output: 'standalone',
  // Trace from this folder even when a lockfile sits in a parent directory, so server.js lands at the standalone root.
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  // Native addons, WebAssembly and the Prisma runtime load with Node's own require instead of being bundled.
  serverExternalPackages: [
    'argon2',
    'pg',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
  ],
  outputFileTracingIncludes: {
    '/*': [
      // The migration runner reads these SQL files at start, which file tracing cannot see.
      './prisma/migrations/**/*',
      // argon2's install compiles its addon when the prebuilt one fails to load (it segfaults on some machines);
      // tracing copies only the prebuilt files, so ship the compiled one too: node-gyp-build prefers it.
      './node_modules/argon2/build/Release/*.node',
    ],
  },
};

export default nextConfig;
