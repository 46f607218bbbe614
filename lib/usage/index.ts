// The write side of usage: one row per proxied request, built in one place and written in batches off the
// response path. The read side (queries, stats, export) is lib/usage-queries.
export { buildUsageRecord, type UsageFacts, type UsageTarget } from './build-usage-record';
export { computeUsageCost, pricesOf, type ModelPrices, type TokenPrices, type UsageCost } from './usage-cost';
export type { UsageAttempt, UsageRecord } from './usage-record';
export { startOfUtcMonth, tokenSpender, userSpender, withMonthSpend } from './spend-counters';
export { UsageRecorder, type UsageRecorderOptions, type UsageSink } from './usage-recorder';
