import { Decimal } from '@prisma/client/runtime/client';
import type { NormalizedUsage } from '../protocol/usage';

// Cost in exact decimals: prices are per 1M tokens and stored as DECIMAL(14,6), costs as DECIMAL(20,10).
// Float math would drift on the sums the dashboard shows.

/** `cacheWrite` null: cache writes cost the input price (a route priced before cache-write prices existed). */
export type TokenPrices = { input: string; output: string; cacheRead: string; cacheWrite: string | null };

/** A model row's prices as the usage rows bill them: decimal strings exactly as stored, and their currency. */
export type ModelPrices = TokenPrices & { currency: 'USD' | 'CNY' };

type PricedModel = {
  inputPrice: { toString(): string };
  outputPrice: { toString(): string };
  cacheReadPrice: { toString(): string };
  cacheWritePrice: { toString(): string } | null;
  currency: 'USD' | 'CNY';
};

/** The one mapping from a stored model row (Prisma decimals) to the prices the cost math takes. */
export function pricesOf(model: PricedModel): ModelPrices {
  return {
    input: model.inputPrice.toString(),
    output: model.outputPrice.toString(),
    cacheRead: model.cacheReadPrice.toString(),
    cacheWrite: model.cacheWritePrice?.toString() ?? null,
    currency: model.currency,
  };
}

export type UsageCost = { inputCost: string; outputCost: string; totalCost: string };

const PER_MILLION = new Decimal(1_000_000);

/**
 * Input cost covers uncached input at the input price, cache writes (cache creation) at the cache-write price
 * and cache reads at the cache-read price; output cost is output tokens at the output price.
 */
export function computeUsageCost(usage: NormalizedUsage, prices: TokenPrices): UsageCost {
  const inputCost = new Decimal(usage.inputTokens)
    .mul(prices.input)
    .add(new Decimal(usage.cacheCreationTokens).mul(prices.cacheWrite ?? prices.input))
    .add(new Decimal(usage.cacheReadTokens).mul(prices.cacheRead))
    .div(PER_MILLION);
  const outputCost = new Decimal(usage.outputTokens).mul(prices.output).div(PER_MILLION);
  return {
    inputCost: inputCost.toDecimalPlaces(10).toFixed(),
    outputCost: outputCost.toDecimalPlaces(10).toFixed(),
    totalCost: inputCost.add(outputCost).toDecimalPlaces(10).toFixed(),
  };
}
