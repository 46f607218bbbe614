import { estimateTokensFromChars } from './token-estimate';
import { ZERO_USAGE, type NormalizedUsage } from './usage';

/**
 * A stream that ended early (the client left, the upstream broke) is billed for what it streamed, never as zero
 * (docs/CONVERSION.md §8.1): the upstream's own counts where it sent them, else input estimated from
 * the request and output from the streamed text.
 */
export async function estimatePartialUsage(
  known: NormalizedUsage | null,
  streamedTextChars: number,
  estimateInputTokens: () => Promise<number>,
): Promise<NormalizedUsage> {
  const usage = { ...(known ?? ZERO_USAGE) };
  usage.outputTokens = Math.max(usage.outputTokens, estimateTokensFromChars(streamedTextChars));
  if (usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens === 0) {
    usage.inputTokens = await estimateInputTokens().catch(() => 0);
  }
  return usage;
}
