import pino, { type DestinationStream, type Logger } from 'pino';
import { z } from 'zod';

// Structured logs: one JSON object per line on stdout (pino), so a collector can index them without parsing text.
// Nothing logged here is ever a secret or a body; the redaction below is the second line of that rule, for the
// day a caller passes a whole object it should not have.

export type { Logger };

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACTED_KEYS = ['authorization', 'password', 'token', 'api_key', 'apiKey', 'secret', 'x-api-key'];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
    },
    destination,
  );
}

// Start-up code (migrations, the vault, the first admin user) logs before any runtime exists, so the process has
// one logger of its own. An invalid LOG_LEVEL falls back to info here; the configuration check refuses it at start.
const processLevel = z.enum(LOG_LEVELS).catch('info').parse(process.env.LOG_LEVEL);

/** The process's logger; parts the server runtime builds receive it (or a child) instead of importing it. */
export const processLogger: Logger = createLogger(processLevel);
