import { db } from '../db';
import type { AuthenticatedToken } from './user-token-auth';
import { GatewayError } from './gateway-error';
import { getGatewaySettings } from './settings';

// monthly_budget: the sum of total_cost over the token's usage rows of this calendar month (UTC), read from
// the database and kept for a few seconds per token. Costs of different currencies are summed as they are.

type Spend = { total: number; monthStart: number; fetchedAt: number };

const spendByToken = new Map<number, Spend>();
const loading = new Map<number, Promise<Spend>>();

export function startOfUtcMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export function startOfNextUtcMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** 429 with Retry-After (until the month turns) when the token has spent its monthly budget. */
export async function enforceMonthlyBudget(token: AuthenticatedToken, now = Date.now()): Promise<void> {
  if (token.monthlyBudget === null) return;
  const spend = await readSpend(token.id, now);
  if (spend.total < token.monthlyBudget) return;
  const retryAfter = Math.max(1, Math.ceil((startOfNextUtcMonth(now) - now) / 1000));
  throw new GatewayError(429, `This API key has used its monthly budget of ${token.monthlyBudget}`, 'budget_exceeded', {
    'retry-after': String(retryAfter),
  });
}

async function readSpend(tokenId: number, now: number): Promise<Spend> {
  const monthStart = startOfUtcMonth(now);
  const cached = spendByToken.get(tokenId);
  if (cached && cached.monthStart === monthStart && now - cached.fetchedAt < getGatewaySettings().budgetCacheMs) return cached;
  const pending = loading.get(tokenId);
  if (pending) return pending;
  const promise = db.usage
    .aggregate({ _sum: { totalCost: true }, where: { userTokenId: tokenId, createdAt: { gte: new Date(monthStart) } } })
    .then((result) => {
      const spend = { total: Number(result._sum.totalCost ?? 0), monthStart, fetchedAt: now };
      spendByToken.set(tokenId, spend);
      return spend;
    })
    .finally(() => loading.delete(tokenId));
  loading.set(tokenId, promise);
  return promise;
}
