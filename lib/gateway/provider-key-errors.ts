import { db } from '../db';

// last_error / last_error_at on a provider key that the upstream refused (401/402/403). Written off the hot
// path and at most every few seconds per key, so a burst of failures costs one UPDATE.

const MIN_INTERVAL_MS = 10_000;
const lastWritten = new Map<number, number>();

export function noteProviderKeyError(providerTokenId: number, message: string, apiKey: string, now = Date.now()): void {
  const previous = lastWritten.get(providerTokenId);
  if (previous !== undefined && now - previous < MIN_INTERVAL_MS) return;
  lastWritten.set(providerTokenId, now);
  const lastError = redactKey(message, apiKey).slice(0, 500);
  void db.providerToken
    .updateMany({ where: { id: providerTokenId }, data: { lastError, lastErrorAt: new Date(now) } })
    .catch((error: Error) => console.error(`[axongate] recording the error of provider key ${providerTokenId} failed:`, error.message));
}

/** Upstream messages sometimes quote the key they refused; it never reaches the database or a client. */
export function redactKey(text: string, apiKey: string): string {
  if (apiKey.length < 4) return text;
  return text.split(apiKey).join('[redacted]');
}
