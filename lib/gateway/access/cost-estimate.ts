import type { JsonObject } from '../request/json-body';
import type { GatewayRoute } from '../routing/route-types';

// What a request may cost at most, for the budget reservation before it goes upstream: its body's length as
// tokens (about four bytes each, which counts base64 images and JSON punctuation generously) at the input price,
// or the cache-write price where that is higher, plus its output cap at the output price, on the dearest of its
// routes, since failover may end on any of them.

const OUTPUT_CAP_FIELDS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens'] as const;

function outputCapOf(json: JsonObject, defaultMaxTokens: number): number {
  for (const field of OUTPUT_CAP_FIELDS) {
    const value = json[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return defaultMaxTokens;
}

export function estimateRequestCost(routes: GatewayRoute[], body: { text: string; json: JsonObject }, defaultMaxTokens: number): number {
  const inputTokens = Math.ceil(Buffer.byteLength(body.text) / 4);
  const outputTokens = outputCapOf(body.json, defaultMaxTokens);
  let dearest = 0;
  for (const { prices } of routes) {
    const inputPrice = Math.max(Number(prices.input), Number(prices.cacheWrite ?? prices.input));
    dearest = Math.max(dearest, (inputTokens * inputPrice + outputTokens * Number(prices.output)) / 1_000_000);
  }
  return dearest;
}
