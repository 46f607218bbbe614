// The wire shapes the admin pages read, from the modules that build them: type-only, so nothing of the server
// code reaches the client bundle.
export type { ProviderDto } from '@/lib/providers/to-provider-dto';
export type { ProviderTokenDto } from '@/lib/provider-tokens/to-provider-token-dto';
export type { AiModelDto } from '@/lib/ai-models/to-ai-model-dto';
export type { UserTokenDto, UserTokenWithSecretDto } from '@/lib/user-tokens/to-user-token-dto';
export type { UserDto } from '@/lib/users/to-user-dto';

export type Role = 'admin' | 'manager' | 'user';

export type PageOf<T> = { items: T[]; total: number; page: number; page_size: number };

export type { UsageDto as UsageRow } from '@/lib/usage-queries/usage-row';
export type { UsageStats } from '@/lib/usage-queries/get-usage-stats';
export type { UsageTrendPoint } from '@/lib/usage-queries/get-usage-trend';
export type { UsageDistributionEntry as UsageDistributionItem } from '@/lib/usage-queries/get-usage-distribution';

export type UsageFilters = {
  start_time?: string;
  end_time?: string;
  model_name?: string;
  user_token_id?: number;
  provider_id?: number;
  status?: 'ok' | 'error';
};

export type ProviderTestResult = { ok: boolean; latency_ms: number; status: number | null; message: string };
