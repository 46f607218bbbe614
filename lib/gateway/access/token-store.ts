import { InvalidatedCache } from '../../cache/invalidated-cache';
import type { InvalidationFeed } from '../../cache/invalidation-bus';
import type { Db } from '../../db';
import { hashUserToken } from '../../secrets/user-token-secret';
import { GatewayError } from '../request/gateway-error';
import { readClientToken } from './client-token';
import type { LastUsedStamps } from './last-used-stamps';

// Who is calling: the user token from the request's headers, looked up by its SHA-256 and cached until an
// admin write on tokens or users invalidates it.

/** What the gateway keeps about a token; `null` in the cache means "no such token". */
export type TokenRecord = {
  id: number;
  userId: number;
  allowedModels: string[];
  rpmLimit: number | null;
  monthlyBudget: number | null;
  expiresAt: number | null;
  revoked: boolean;
  userDisabled: boolean;
  /** The owner's limits, which bind every token of theirs on top of its own. */
  owner: OwnerLimits;
};

export type OwnerLimits = { allowedModels: string[]; rpmLimit: number | null; monthlyBudget: number | null };

export type AuthenticatedToken = Pick<TokenRecord, 'id' | 'userId' | 'allowedModels' | 'rpmLimit' | 'monthlyBudget' | 'owner'>;

type CachedToken = { record: TokenRecord | null };

export type TokenStoreOptions = {
  db: Db;
  feed: InvalidationFeed;
  max: number;
  lastUsed: LastUsedStamps;
  now: () => number;
};

export class TokenStore {
  private readonly cache: InvalidatedCache<string, CachedToken>;

  constructor(private readonly options: TokenStoreOptions) {
    this.cache = new InvalidatedCache({ scope: 'user-tokens', max: options.max, feed: options.feed, now: options.now });
  }

  /** 401 for a missing, unknown, revoked or expired token (or a disabled user). */
  async authenticate(headers: Headers): Promise<AuthenticatedToken> {
    const plaintext = readClientToken(headers);
    if (!plaintext) {
      throw new GatewayError(401, 'Missing API key: send it as "Authorization: Bearer <token>" or "x-api-key: <token>"', 'authentication');
    }
    return this.authenticateToken(plaintext);
  }

  async authenticateToken(plaintext: string): Promise<AuthenticatedToken> {
    const hash = hashUserToken(plaintext);
    const { record } = await this.cache.getOrLoad(hash, () => this.load(hash));
    if (!record) throw new GatewayError(401, 'Invalid API key', 'authentication');
    if (record.revoked) throw new GatewayError(401, 'This API key has been revoked', 'authentication');
    if (record.expiresAt !== null && record.expiresAt <= this.options.now()) throw new GatewayError(401, 'This API key has expired', 'authentication');
    if (record.userDisabled) throw new GatewayError(401, 'The owner of this API key is disabled', 'authentication');
    this.options.lastUsed.note(record.id);
    return record;
  }

  dispose(): void {
    this.cache.dispose();
  }

  private async load(hash: string): Promise<CachedToken> {
    const token = await this.options.db.userToken.findUnique({
      where: { tokenHash: hash },
      include: { user: { select: { disabled: true, allowedModels: true, rpmLimit: true, monthlyBudget: true } } },
    });
    if (!token) return { record: null };
    return {
      record: {
        id: token.id,
        userId: token.userId,
        allowedModels: token.allowedModels,
        rpmLimit: token.rpmLimit,
        monthlyBudget: token.monthlyBudget === null ? null : Number(token.monthlyBudget),
        expiresAt: token.expiresAt?.getTime() ?? null,
        revoked: token.revokedAt !== null,
        userDisabled: token.user.disabled,
        owner: {
          allowedModels: token.user.allowedModels,
          rpmLimit: token.user.rpmLimit,
          monthlyBudget: token.user.monthlyBudget === null ? null : Number(token.user.monthlyBudget),
        },
      },
    };
  }
}
