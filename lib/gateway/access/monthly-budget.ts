import type { Db } from '../../db';
import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

// monthly_budget, of the token and of its owner (across all their tokens): the sum of total_cost over their
// usage rows of this calendar month (UTC), read from the database and kept for a few seconds each. Costs of
// different currencies are summed as they are.

type Spend = { total: number; monthStart: number; fetchedAt: number };

/** Whose spend: the rows of one token, or of every token of one user. */
type Spender = { kind: 'token' | 'user'; id: number };

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
  private readonly spendBySpender = new Map<string, Spend>();
  private readonly loading = new Map<string, Promise<Spend>>();

  constructor(private readonly options: MonthlyBudgetsOptions) {}

  /** 429 with Retry-After (until the month turns) when the token, or its owner, has spent the monthly budget. */
  async enforce(token: AuthenticatedToken): Promise<void> {
    await this.enforceOne({ kind: 'token', id: token.id }, token.monthlyBudget, 'This API key');
    await this.enforceOne({ kind: 'user', id: token.userId }, token.owner.monthlyBudget, "This API key's user");
  }

  private async enforceOne(spender: Spender, budget: number | null, whose: string): Promise<void> {
    if (budget === null) return;
    const now = this.options.now();
    const spend = await this.readSpend(spender, now);
    if (spend.total < budget) return;
    const retryAfter = Math.max(1, Math.ceil((startOfNextUtcMonth(now) - now) / 1000));
    throw new GatewayError(429, `${whose} has used its monthly budget of ${budget}`, 'budget_exceeded', {
      'retry-after': String(retryAfter),
    });
  }

  private async readSpend(spender: Spender, now: number): Promise<Spend> {
    const key = `${spender.kind}:${spender.id}`;
    const monthStart = startOfUtcMonth(now);
    const cached = this.spendBySpender.get(key);
    if (cached && cached.monthStart === monthStart && now - cached.fetchedAt < this.options.cacheMs) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const rowsOf = spender.kind === 'token' ? { userTokenId: spender.id } : { userId: spender.id };
    const promise = this.options.db.usage
      .aggregate({ _sum: { totalCost: true }, where: { ...rowsOf, createdAt: { gte: new Date(monthStart) } } })
      .then((result) => {
        const spend = { total: Number(result._sum.totalCost ?? 0), monthStart, fetchedAt: now };
        this.spendBySpender.set(key, spend);
        return spend;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }
}
