import type { Db } from '../../db';
import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

// monthly_budget: the sum of total_cost over the token's usage rows of this calendar month (UTC), read from
// the database and kept for a few seconds per token. Costs of different currencies are summed as they are.

type Spend = { total: number; monthStart: number; fetchedAt: number };

function startOfUtcMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function startOfNextUtcMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

export type MonthlyBudgetsOptions = { db: Db; cacheMs: number; now: () => number };

export class MonthlyBudgets {
  private readonly spendByToken = new Map<number, Spend>();
  private readonly loading = new Map<number, Promise<Spend>>();

  constructor(private readonly options: MonthlyBudgetsOptions) {}

  /** 429 with Retry-After (until the month turns) when the token has spent its monthly budget. */
  async enforce(token: AuthenticatedToken): Promise<void> {
    if (token.monthlyBudget === null) return;
    const now = this.options.now();
    const spend = await this.readSpend(token.id, now);
    if (spend.total < token.monthlyBudget) return;
    const retryAfter = Math.max(1, Math.ceil((startOfNextUtcMonth(now) - now) / 1000));
    throw new GatewayError(429, `This API key has used its monthly budget of ${token.monthlyBudget}`, 'budget_exceeded', {
      'retry-after': String(retryAfter),
    });
  }

  private async readSpend(tokenId: number, now: number): Promise<Spend> {
    const monthStart = startOfUtcMonth(now);
    const cached = this.spendByToken.get(tokenId);
    if (cached && cached.monthStart === monthStart && now - cached.fetchedAt < this.options.cacheMs) return cached;
    const pending = this.loading.get(tokenId);
    if (pending) return pending;
    const promise = this.options.db.usage
      .aggregate({ _sum: { totalCost: true }, where: { userTokenId: tokenId, createdAt: { gte: new Date(monthStart) } } })
      .then((result) => {
        const spend = { total: Number(result._sum.totalCost ?? 0), monthStart, fetchedAt: now };
        this.spendByToken.set(tokenId, spend);
        return spend;
      })
      .finally(() => this.loading.delete(tokenId));
    this.loading.set(tokenId, promise);
    return promise;
  }
}
