import pino, { type DestinationStream, type Logger } from 'pino';
import { z } from 'zod';

// Structured logs: one JSON object per line on stdout (pino), so a collector can index them without parsing text.
// Nothing logged is ever a secret or a body: callers log ids, names, counts and their own messages, and the tests
// read the request line and a server's whole output for tokens, keys and conversation text. There is no redaction
// pass over every line: measured by the bench, pino's wildcard redaction cost about 50 µs per request line.

export type { Logger };

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A logger at `level`, writing to `destination` or else to stdout without blocking the request that logs (pino
 * writes asynchronously and flushes what is pending when the process exits).
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

// Start-up code (migrations, the vault, the first admin user) logs before any runtime exists, so the process has
// one logger of its own. An invalid LOG_LEVEL falls back to info here; the configuration check refuses it at start.
const processLevel = z.enum(LOG_LEVELS).catch('info').parse(process.env.LOG_LEVEL);

/** The process's logger; parts the server runtime builds receive it (or a child) instead of importing it. */
export const processLogger: Logger = createLogger(processLevel);
