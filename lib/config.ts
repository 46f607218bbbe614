import path from 'node:path';
import { z } from 'zod';

// Every environment variable the app reads, parsed once. The README's configuration table mirrors this schema.
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AXONGATE_DATA_DIR: z.string().default('./data'),
  AXONGATE_RSA_PRIVATE_KEY: z.string().optional(),
  AXONGATE_RSA_PRIVATE_KEY_FILE: z.string().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters').optional(),
  AXONGATE_SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(24 * 7),
  AXONGATE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  AXONGATE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  REDIS_URL: z.string().url().optional(),
});

export type AppConfig = z.infer<typeof envSchema> & { dataDir: string };

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  cached = { ...parsed.data, dataDir: path.resolve(parsed.data.AXONGATE_DATA_DIR) };
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
