import type { ProviderToken } from '../db';

/** A provider key as the admin API shows it: the hint only, never the key or its sealed form. */
export type ProviderTokenDto = {
  id: number;
  provider_id: number;
  /**
   * The key masked, `••••` and its hint (`••••a1b2`): the original UI formats a `token` of every row and goes blank
   * without one. Never the key, in no answer: whoever adds a key already has it.
   */
  token: string;
  token_hint: string;
  active: boolean;
  created_at: string;
  last_error: string | null;
  last_error_at: string | null;
  /** When a change of the provider's api_url or model_type turned the key off for good; null for a usable key. */
  retired_at: string | null;
};

export function toProviderTokenDto(token: ProviderToken): ProviderTokenDto {
  return {
    id: token.id,
    provider_id: token.providerId,
    token: maskedProviderKey(token.tokenHint),
    token_hint: token.tokenHint,
    active: token.active,
    created_at: token.createdAt.toISOString(),
    last_error: token.lastError,
    last_error_at: token.lastErrorAt?.toISOString() ?? null,
    retired_at: token.retiredAt?.toISOString() ?? null,
  };
}

/** The last 4 characters; a key shorter than 8 shows none, since 4 would give away half of it. */
export function tokenHintOf(key: string): string {
  return key.length >= 8 ? key.slice(-4) : '';
}

/** What stands in for a provider key in every answer: four bullets and the hint. */
export function maskedProviderKey(hint: string): string {
  return `••••${hint}`;
}
