// The wire shapes the admin pages read, from the modules that build them: type-only, so nothing of the server
// code reaches the client bundle.
import type { UsageFilters as UsageQueryFilters } from '@/lib/usage-queries/schemas';

export type { ProviderDto } from '@/lib/providers/to-provider-dto';
export type { UpdatedProviderDto } from '@/lib/providers/update-provider';
export type { ProviderTokenDto } from '@/lib/provider-tokens/to-provider-token-dto';
export type { AiModelDto } from '@/lib/ai-models/to-ai-model-dto';
export type { UserTokenDto, UserTokenWithSecretDto } from '@/lib/user-tokens/to-user-token-dto';
export type { UserDto } from '@/lib/users/to-user-dto';
export type { AuditLogDto as AuditLogRow } from '@/lib/audit/to-audit-log-dto';

export type { Role } from '@/lib/db';
/** A list answer as the UI reads it (the server adds the legacy alias key, e.g. `users`, on top). */
export type { Page as PageOf } from '@/lib/api/pagination';

export type { UsageDto as UsageRow } from '@/lib/usage-queries/usage-row';
export type { UsageAttemptDto as UsageAttempt, UsageDetailDto as UsageDetail } from '@/lib/usage-queries/get-usage';
export type { UsageStats } from '@/lib/usage-queries/get-usage-stats';
export type { UsageTrendPoint } from '@/lib/usage-queries/get-usage-trend';
export type { UsageDistributionEntry as UsageDistributionItem } from '@/lib/usage-queries/get-usage-distribution';

/** The filters the usage pages offer: a subset of the server's (no model_id or provider_token_id filter). */
export type UsageFilters = Pick<UsageQueryFilters, 'start_time' | 'end_time' | 'model_name' | 'user_token_id' | 'provider_id' | 'status'>;

export type { ProviderTestResult } from '@/lib/providers/test-provider';
