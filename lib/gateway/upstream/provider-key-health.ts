import type { Db } from '../../db';

// last_error / last_error_at on a provider key that the upstream refused (401/402/403). Written off the hot
// path and at most every few seconds per key, so a burst of failures costs one UPDATE.

const MIN_INTERVAL_MS = 10_000;

export class ProviderKeyHealth {
  private readonly lastWritten = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly log: (message: string) => void,
    private readonly now: () => number,
  ) {}

  /** Records why a key was refused; `apiKey` is blanked out of the message first. */
  noteError(providerTokenId: number, message: string, apiKey: string): void {
    const now = this.now();
    const previous = this.lastWritten.get(providerTokenId);
    if (previous !== undefined && now - previous < MIN_INTERVAL_MS) return;
    this.lastWritten.set(providerTokenId, now);
    const lastError = redactKey(message, apiKey).slice(0, 500);
    void this.db.providerToken
      .updateMany({ where: { id: providerTokenId }, data: { lastError, lastErrorAt: new Date(now) } })
      .catch((error: Error) => this.log(`recording the error of provider key ${providerTokenId} failed: ${error.message}`));
  }
}

/** Upstream messages sometimes quote the key they refused; it never reaches the database or a client. */
export function redactKey(text: string, apiKey: string): string {
  if (apiKey.length < 4) return text;
  return text.split(apiKey).join('[redacted]');
}
