import { LRUCache } from 'lru-cache';
import { isDatabaseUnavailable, type Db } from '../../db';
import { startOfUtcMonth, tokenSpender, userSpender } from '../../usage';
import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

// monthly_budget, of a token and of its owner across all their tokens. Before a request goes upstream its
// estimated cost is reserved against every budget that applies, under a PostgreSQL advisory lock per spender, so
// instances cannot all admit a burst at once: a reservation is granted while spent + reserved is below the budget,
// which lets the spend pass the budget by at most one request's cost. The usage row's write adds the real cost to
// spend_counters and deletes the reservation in one statement (lib/usage/insert-usage-rows.ts). A reservation
// whose request never wrote a row (a crashed instance) stops counting when it expires.
// Costs of different currencies are summed as they are.

const RESERVATION_TTL_MS = 60 * 60_000;
/** Retry-After when only requests still in flight hold the budget: they may end, or settle below their estimate. */
const IN_FLIGHT_RETRY_SECONDS = 5;

/** A burst queues on the spender's lock and for pool connections: give it time rather than fail it. */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 10_000 };

type Spender = { key: string; budget: number; whose: string };

type SpendState = { key: string; spent: number; held: number };

export type SpendGuardOptions = { db: Db; now: () => number; log: (message: string) => void };

function secondsToNextUtcMonth(now: number): number {
  const date = new Date(now);
  return Math.max(1, Math.ceil((Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - now) / 1000));
}

function spendersOf(token: AuthenticatedToken): Spender[] {
  const spenders: Spender[] = [];
  if (token.monthlyBudget !== null) spenders.push({ key: tokenSpender(token.id), budget: token.monthlyBudget, whose: 'This API key' });
  if (token.owner.monthlyBudget !== null) spenders.push({ key: userSpender(token.userId), budget: token.owner.monthlyBudget, whose: "This API key's user" });
  return spenders;
}

export class SpendGuard {
  /** What each spender had spent at its last check: while the database cannot be asked, budgets go by this. */
  private readonly lastKnown = new LRUCache<string, SpendState>({ max: 50_000 });

  constructor(private readonly options: SpendGuardOptions) {}

  /**
   * Reserves `estimatedCost` for the request against its token's and owner's budgets, or throws 429 with
   * Retry-After when one of them is used up. Tokens without budgets cost nothing here.
   */
  async reserve(requestId: string, token: AuthenticatedToken, estimatedCost: number): Promise<void> {
    const spenders = spendersOf(token);
    if (spenders.length === 0) return;
    const now = this.options.now();
    try {
      await this.options.db.$transaction(async (tx) => {
        const keys = spenders.map((spender) => spender.key).sort();
        for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
        const states = await tx.$queryRaw<{ key: string; spent: string; held: string }[]>`
          SELECT s.key, COALESCE(c.spent, 0)::text AS spent,
            (SELECT COALESCE(SUM(r.amount), 0) FROM spend_reservations r WHERE r.spenders @> ARRAY[s.key] AND r.expires_at > now())::text AS held
          FROM unnest(${keys}::text[]) AS s(key)
          LEFT JOIN spend_counters c ON c.spender = s.key AND c.month = ${startOfUtcMonth(now)}::date`;
        for (const state of states) this.lastKnown.set(state.key, { key: state.key, spent: Number(state.spent), held: Number(state.held) });
        this.assertWithinBudgets(spenders, now);
        await tx.spendReservation.create({
          data: { requestId, spenders: keys, amount: estimatedCost.toFixed(10), expiresAt: new Date(now + RESERVATION_TTL_MS) },
        });
      }, TRANSACTION_LIMITS);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.options.log(`budgets checked against the last known spend: the database is unavailable (${requestId})`);
      this.assertWithinBudgets(spenders, now);
    }
  }

  private assertWithinBudgets(spenders: Spender[], now: number): void {
    for (const { key, budget, whose } of spenders) {
      const state = this.lastKnown.get(key);
      if (!state) continue;
      if (state.spent >= budget) {
        throw new GatewayError(429, `${whose} has used its monthly budget of ${budget}`, 'budget_exceeded', {
          'retry-after': String(secondsToNextUtcMonth(now)),
        });
      }
      if (state.spent + state.held >= budget) {
        throw new GatewayError(429, `${whose} would pass its monthly budget of ${budget} with the requests it has in flight`, 'budget_exceeded', {
          'retry-after': String(IN_FLIGHT_RETRY_SECONDS),
        });
      }
    }
  }
}
