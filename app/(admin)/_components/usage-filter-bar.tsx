'use client';

import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { canManage, useCurrentUser } from '../_lib/current-user';
import type { UsageFilters } from '../_lib/types';
import { useAllProviders } from '../_lib/use-providers';
import { useUserTokens } from '../_lib/use-user-tokens';

type UsageFilterBarProps = { value: UsageFilters; onChange: (next: UsageFilters) => void };

const DAY = 'YYYY-MM-DD';

/** Date range, model, token, provider and status filters shared by the usage views. */
export function UsageFilterBar({ value, onChange }: UsageFilterBarProps) {
  const { role } = useCurrentUser();
  // Revoked tokens have usage too.
  const tokens = useUserTokens(1, 100, undefined, { includeRevoked: true });
  const providers = useAllProviders(canManage(role));
  const set = (patch: Partial<UsageFilters>) => onChange({ ...value, ...patch });

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="usage-filters">
      <DatePicker.RangePicker
        aria-label="Date range"
        allowClear={false}
        value={[value.start_time ? dayjs(value.start_time) : null, value.end_time ? dayjs(value.end_time) : null]}
        onChange={(range) => set({ start_time: range?.[0]?.format(DAY), end_time: range?.[1]?.format(DAY) })}
        style={{ flex: '1 1 240px', maxWidth: 300 }}
      />
      <Input.Search
        placeholder="Model name"
        allowClear
        defaultValue={value.model_name}
        onSearch={(text) => set({ model_name: text.trim() || undefined })}
        style={{ flex: '1 1 160px', maxWidth: 220 }}
      />
      <Select
        placeholder="All tokens"
        allowClear
        value={value.user_token_id}
        onChange={(id: number | undefined) => set({ user_token_id: id })}
        loading={tokens.isLoading}
        options={(tokens.data?.items ?? []).map((token) => ({ value: token.id, label: `${token.name || 'unnamed'} (${token.token_prefix})` }))}
        style={{ flex: '1 1 160px', maxWidth: 240 }}
      />
      {canManage(role) && (
        <Select
          placeholder="All providers"
          allowClear
          value={value.provider_id}
          onChange={(id: number | undefined) => set({ provider_id: id })}
          loading={providers.isLoading}
          options={(providers.data?.items ?? []).map((provider) => ({ value: provider.id, label: provider.name }))}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
      )}
      <Select
        placeholder="Any status"
        allowClear
        value={value.status}
        onChange={(status: UsageFilters['status']) => set({ status })}
        options={[
          { value: 'ok', label: 'Succeeded' },
          { value: 'error', label: 'Failed' },
        ]}
        style={{ flex: '1 1 120px', maxWidth: 160 }}
      />
    </Flex>
  );
}
