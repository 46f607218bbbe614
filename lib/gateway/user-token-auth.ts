import { db } from '../db';
import { readBearer } from '../http/bearer';
import { hashUserToken } from '../user-tokens/user-token-secret';
import { GatewayError } from './gateway-error';
import { InvalidatedCache } from './invalidated-cache';
import type { RateLimiter } from './rate-limiter';
import { getGatewaySettings } from './settings';
import { createRateLimiter } from './shared-rate-limiter';

// Who is calling: the user token from `Authorization: Bearer` or `x-api-key`, looked up by its SHA-256.

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
};

export type AuthenticatedToken = Pick<TokenRecord, 'id' | 'userId' | 'allowedModels' | 'rpmLimit' | 'monthlyBudget'>;

type CachedToken = { record: TokenRecord | null };

let tokenCache: InvalidatedCache<string, CachedToken> | undefined;
let limiter: RateLimiter | undefined;

export function readClientToken(headers: Headers): string | null {
  const bearer = readBearer(headers);
  if (bearer) return bearer;
  const apiKey = headers.get('x-api-key');
  return apiKey ? apiKey.trim() : null;
}

/** 401 for a missing, unknown, revoked or expired token (or a disabled user). */
export async function authenticateUserToken(headers: Headers, now = Date.now()): Promise<AuthenticatedToken> {
  const plaintext = readClientToken(headers);
  if (!plaintext) {
    throw new GatewayError(401, 'Missing API key: send it as "Authorization: Bearer <token>" or "x-api-key: <token>"', 'authentication');
  }
  const hash = hashUserToken(plaintext);
  tokenCache ??= new InvalidatedCache('user-tokens', getGatewaySettings().routeCacheMax);
  const { record } = await tokenCache.getOrLoad(hash, () => loadToken(hash));
  if (!record) throw new GatewayError(401, 'Invalid API key', 'authentication');
  if (record.revoked) throw new GatewayError(401, 'This API key has been revoked', 'authentication');
  if (record.expiresAt !== null && record.expiresAt <= now) throw new GatewayError(401, 'This API key has expired', 'authentication');
  if (record.userDisabled) throw new GatewayError(401, 'The owner of this API key is disabled', 'authentication');
  noteTokenUse(record.id);
  return record;
}

async function loadToken(hash: string): Promise<CachedToken> {
  const token = await db.userToken.findUnique({
    where: { tokenHash: hash },
    include: { user: { select: { disabled: true } } },
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
    },
  };
}

/** 403 when the token's allow-list (empty = every model) does not name the model. */
export function assertModelAllowed(token: AuthenticatedToken, model: string): void {
  if (token.allowedModels.length > 0 && !token.allowedModels.includes(model)) {
    throw new GatewayError(403, `This API key is not allowed to use model "${model}"`, 'permission');
  }
}

export function isModelAllowed(token: AuthenticatedToken, model: string): boolean {
  return token.allowedModels.length === 0 || token.allowedModels.includes(model);
}

/** 429 with Retry-After when the token is over its requests-per-minute limit. */
export async function enforceRateLimit(token: AuthenticatedToken): Promise<void> {
  if (token.rpmLimit === null || token.rpmLimit <= 0) return;
  limiter ??= createRateLimiter();
  const decision = await limiter.take(token.id, token.rpmLimit);
  if (!decision.allowed) {
    throw new GatewayError(429, `Rate limit of ${token.rpmLimit} requests per minute exceeded for this API key`, 'rate_limit', {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
}

// last_used_at is written off the hot path: ids collect here and one UPDATE stamps them every few seconds.
const LAST_USED_FLUSH_MS = 15_000;
const pendingUse = new Set<number>();
let lastUsedTimer: NodeJS.Timeout | null = null;

function noteTokenUse(tokenId: number): void {
  pendingUse.add(tokenId);
  if (lastUsedTimer) return;
  lastUsedTimer = setTimeout(() => {
    lastUsedTimer = null;
    void flushLastUsed();
  }, LAST_USED_FLUSH_MS);
  lastUsedTimer.unref();
}

export async function flushLastUsed(): Promise<void> {
  if (pendingUse.size === 0) return;
  const ids = [...pendingUse];
  pendingUse.clear();
  try {
    await db.userToken.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: new Date() } });
  } catch (error) {
    console.error('[axongate] last_used_at update failed:', (error as Error).message);
  }
}
