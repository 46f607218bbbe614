import { createClient, type RedisClientType } from 'redis';
import { processLogger } from '../log';

// The Redis connection (REDIS_URL), which holds the rate limits all instances share.
// Redis helps but never holds a request up: a command fails at once while the connection is down (no offline
// queue), withinCommandTimeout() bounds the wait when Redis hangs, and callers then fall back to what they do
// alone. The client reconnects on its own (node-redis's default backoff, at most about 2 s between attempts).

export type RedisClient = RedisClientType;

const CONNECT_TIMEOUT_MS = 500;
const COMMAND_TIMEOUT_MS = 500;
const WARNING_INTERVAL_MS = 30_000;

let lastWarningAt = -Infinity;

/**
 * A client that starts connecting at once; commands fail fast until it is ready. Close it with `destroy()`: a
 * graceful close would wait for the replies of a hanging Redis forever.
 */
export function openRedisClient(url: string): RedisClient {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS },
  });
  // Without a listener an 'error' event would crash the process; each failed (re)connect emits one.
  client.on('error', warnRedisUnavailable);
  // connect() retries until it succeeds and rejects only when the client is closed first.
  client.connect().catch(() => {});
  return client;
}

/** Rejects when Redis has not answered within COMMAND_TIMEOUT_MS; node-redis itself waits for a reply forever. */
export async function withinCommandTimeout<T>(reply: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([reply, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One warning per WARNING_INTERVAL_MS however often Redis fails: a dead Redis would otherwise log on every
 * request and every reconnect attempt. The message is the error's, with any URL credentials blanked.
 */
export function warnRedisUnavailable(error: unknown): void {
  const now = Date.now();
  if (now - lastWarningAt < WARNING_INTERVAL_MS) return;
  lastWarningAt = now;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/\/\/[^/@\s]*@/g, '//***@');
  processLogger.warn(`Redis unavailable (${reason}): rate limits are counted per instance until it answers again`);
}
