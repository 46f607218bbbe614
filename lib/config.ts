import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './log';

/** OpenTelemetry's rule for its variables: set to the empty string is the same as not set. */
function emptyIsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

// Every environment variable the app reads, parsed once. The README's configuration table mirrors this schema.
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AXONGATE_DATA_DIR: z.string().default('./data'),
  AXONGATE_RSA_PRIVATE_KEY: z.string().optional(),
  AXONGATE_RSA_PRIVATE_KEY_FILE: z.string().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  // Read by next-auth itself too; here for the admin API's same-origin check.
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters').optional(),
  AXONGATE_SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(24 * 7),
  AXONGATE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  AXONGATE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  AXONGATE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  AXONGATE_SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
  AXONGATE_ENGINE_SECRET: z.string().min(32, 'AXONGATE_ENGINE_SECRET must be at least 32 characters').optional(),
  AXONGATE_TRUSTED_PROXIES: z.string().default('127.0.0.0/8,::1'),
  AXONGATE_ENGINE_ALLOWED_IPS: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
  // The engine contract without a secret, for direct loopback connections only (lib/engine-contract/guard.ts).
  AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  // Hosts a provider's api_url may name (lib/gateway/routing/provider-hosts.ts); unset: any.
  AXONGATE_PROVIDER_HOSTS: z.string().optional(),
  AXONGATE_METRICS_TOKEN: z.string().min(16, 'AXONGATE_METRICS_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  REDIS_URL: z.string().url().optional(),
  AXONGATE_REDIS_KEY_PREFIX: z.string().min(1).default('axongate:'),
  // Gateway (lib/gateway, lib/usage): limits, timeouts, circuit breaker, caches, usage batching.
  AXONGATE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  AXONGATE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  AXONGATE_UPSTREAM_MAX_CONNECTIONS: z.coerce.number().int().min(0).default(0),
  AXONGATE_STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
  AXONGATE_STREAM_HEARTBEAT_MS: z.coerce.number().int().min(0).default(15_000),
  AXONGATE_CIRCUIT_FAILURES: z.coerce.number().int().min(1).default(5),
  AXONGATE_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  AXONGATE_ROUTE_CACHE_MAX: z.coerce.number().int().min(10).default(5_000),
  AXONGATE_USAGE_FLUSH_MS: z.coerce.number().int().min(10).default(1_000),
  AXONGATE_USAGE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  AXONGATE_DEFAULT_MAX_TOKENS: z.coerce.number().int().min(1).default(4096),
  AXONGATE_TOOL_DESCRIPTION_OVERFLOW: z.enum(['move-to-system', 'truncate']).default('move-to-system'),
  // lib/catalogue: refresh the shipped model prices from genai-prices' public data every N hours; 0 is off.
  AXONGATE_RESPONSES_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  AXONGATE_CATALOGUE_REFRESH_HOURS: z.coerce.number().min(0).max(8760).default(0),
  AXONGATE_STRIP_CLAUDE_BILLING_LINE: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  AXONGATE_IMAGE_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  AXONGATE_IMAGE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // OpenTelemetry traces (lib/tracing): off unless an OTLP/HTTP endpoint is set. The exporter reads its other
  // OTEL_EXPORTER_OTLP_* variables (headers, timeout, compression) itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: emptyIsUnset(z.string().url().optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: emptyIsUnset(z.string().url().optional()),
  OTEL_SERVICE_NAME: emptyIsUnset(z.string().default('axongate')),
});

export type AppConfig = z.infer<typeof envSchema> & { dataDir: string };

/** The configuration an environment describes; throws one error naming every invalid variable. */
function readConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.AXONGATE_DATA_DIR) };
}

let processConfig: AppConfig | undefined;

/** The process's configuration, read from its environment once. */
export function getConfig(): AppConfig {
  processConfig ??= readConfig(process.env);
  return processConfig;
}
