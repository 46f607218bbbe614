// What an upstream's HTTP status means for the failover loop (docs/CONVERSION.md §7.3).

export type StatusVerdict =
  /** Try the next route. */
  | 'fail-over'
  /** Try the next route, and note the error on the provider key (bad, unpaid or unauthorized key). */
  | 'fail-over-key'
  /** The caller's fault (400, 413, 422 and other 4xx): answer at once in the client's shape. */
  | 'final';

const FAIL_OVER = new Set([404, 408, 409, 429, 500, 502, 503, 504, 529]);
const KEY_ERRORS = new Set([401, 402, 403]);

export function classifyUpstreamStatus(status: number): StatusVerdict {
  if (KEY_ERRORS.has(status)) return 'fail-over-key';
  if (FAIL_OVER.has(status) || status >= 500) return 'fail-over';
  return 'final';
}
