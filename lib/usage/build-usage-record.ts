import { toStorableText } from '../db';
import type { NormalizedUsage } from '../protocol/usage';
import { computeUsageCost, type ModelPrices } from './usage-cost';
import type { UsageAttempt, UsageRecord } from './usage-record';

// The one place a usage row is put together, for requests the gateway proxied and for those an engine in front
// of it reports: ids of what served it, tokens, the cost from the model's prices, timings.

/** The route that answered (or last failed); null when none was tried. */
export type UsageTarget = {
  modelId: number;
  providerId: number;
  providerTokenId: number | null;
  providerModelName: string;
  upstreamProtocol: 'openai' | 'anthropic';
  prices: ModelPrices;
};

export type UsageFacts = {
  requestId: string;
  caller: { userId: number; userTokenId: number };
  modelName: string;
  clientProtocol: UsageRecord['clientProtocol'];
  stream: boolean;
  status: UsageRecord['status'];
  httpStatus: number;
  errorType: string | null;
  usage: NormalizedUsage;
  target: UsageTarget | null;
  latencyMs: number;
  ttftMs: number | null;
  attempts: number;
  /** What the conversion dropped or changed; empty for none. */
  conversionNotes?: string[];
  attemptLog?: UsageAttempt[];
  createdAt: Date;
};

const NO_COST = { inputCost: '0', outputCost: '0', totalCost: '0' };

/**
 * Longest text kept in an indexed column: a btree entry must fit in a third of a page (about 2.7 KB), so an 8 KB model
 * name would make the row impossible to insert. Names this long are refused at the door anyway; this is the floor.
 */
const INDEXED_TEXT_CHARS = 256;
const NOTE_CHARS = 1_000;

/** Text from a request (a client's model name, an upstream's words) as a column can hold it. */
function storable(text: string, maxChars: number): string {
  return toStorableText(text.length > maxChars ? text.slice(0, maxChars) : text);
}

export function buildUsageRecord(facts: UsageFacts): UsageRecord {
  const { target, usage } = facts;
  return {
    requestId: storable(facts.requestId, INDEXED_TEXT_CHARS),
    userId: facts.caller.userId,
    userTokenId: facts.caller.userTokenId,
    modelName: storable(facts.modelName, INDEXED_TEXT_CHARS),
    modelId: target?.modelId ?? null,
    providerId: target?.providerId ?? null,
    providerTokenId: target?.providerTokenId ?? null,
    providerModelName: target ? storable(target.providerModelName, INDEXED_TEXT_CHARS) : null,
    clientProtocol: facts.clientProtocol,
    upstreamProtocol: target?.upstreamProtocol ?? null,
    stream: facts.stream,
    status: facts.status,
    httpStatus: facts.httpStatus,
    errorType: facts.errorType === null ? null : storable(facts.errorType, INDEXED_TEXT_CHARS),
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheCreationTokens: usage.cacheCreationTokens,
    ...(target ? computeUsageCost(usage, target.prices) : NO_COST),
    currency: target?.prices.currency ?? 'USD',
    latencyMs: facts.latencyMs,
    ttftMs: facts.ttftMs,
    attempts: facts.attempts,
    conversionNotes: facts.conversionNotes?.length ? facts.conversionNotes.map((note) => storable(note, NOTE_CHARS)) : null,
    attemptLog: facts.attemptLog?.map((attempt) => ({ ...attempt, reason: attempt.reason === null ? null : storable(attempt.reason, NOTE_CHARS) })) ?? null,
    createdAt: facts.createdAt,
  };
}
