import type { NextConfig } from 'next';

// Sent by the app itself, so they hold without Caddy in front too. Next's inline bootstrap scripts and antd's
// CSS-in-JS need 'unsafe-inline'; the development server also evaluates code. Nothing is loaded from elsewhere, and
// no page of this app may be framed.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone (README, "Production"); `npm start` and the e2e tests run that server.
  output: 'standalone',
  // Trace from this folder even when a lockfile sits in a parent directory, so server.js lands at the standalone root.
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: SECURITY_HEADERS }],
  // Native addons, WebAssembly and the Prisma runtime load with Node's own require instead of being bundled.
  serverExternalPackages: [
    'argon2',
    'pg',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    // The OpenTelemetry SDK, imported only when tracing is on (lib/tracing/otlp-sdk.ts).
    '@opentelemetry/sdk-trace',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/resources',
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
