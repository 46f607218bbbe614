import type { UserToken } from '../db';
import { tokenSpender, withMonthSpend } from '../usage';

/** A user token as lists show it: no hash, and the plaintext never (see UserTokenWithSecretDto). */
export type UserTokenDto = {
  id: number;
  user_id: number;
  name: string;
  /**
   * Masked: the prefix and bullets (`sk-ag-AbCd••••••••`), for the original UI, which formats a `token` of every
   * row. Only the create and regenerate answers put the plaintext here.
   */
  token: string;
  token_prefix: string;
  allowed_models: string[];
  rpm_limit: number | null;
  monthly_budget: number | null;
  /** What the token spent this UTC month (the figure monthly_budget is held against). */
  month_spend: number;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
};

/** Only the create and regenerate answers carry the plaintext in `token`: it is shown once and never stored. */
export type UserTokenWithSecretDto = UserTokenDto;

/** What stands in for a token's secret: its shown prefix (without the ellipsis lists print) and eight bullets. */
export function maskedUserToken(prefix: string): string {
  return `${prefix.replace(/…$/, '')}••••••••`;
}

function toUserTokenDto(token: UserToken, monthSpend: number): UserTokenDto {
  return {
    id: token.id,
    user_id: token.userId,
    name: token.name,
    token: maskedUserToken(token.tokenPrefix),
    token_prefix: token.tokenPrefix,
    allowed_models: token.allowedModels,
    rpm_limit: token.rpmLimit,
    monthly_budget: token.monthlyBudget?.toNumber() ?? null,
    month_spend: monthSpend,
    expires_at: token.expiresAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}

/** Tokens as the API answers them, with this month's spend read for all of them at once. */
export function presentUserTokens(tokens: UserToken[]): Promise<UserTokenDto[]> {
  return withMonthSpend(tokens, (token) => tokenSpender(token.id), toUserTokenDto);
}

export async function presentUserToken(token: UserToken): Promise<UserTokenDto> {
  const [dto] = await presentUserTokens([token]);
  return dto;
}
