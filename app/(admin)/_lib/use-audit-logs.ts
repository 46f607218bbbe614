'use client';

import useSWR from 'swr';
import { fetcher, withQuery } from './api-request';
import type { AuditLogRow, PageOf } from './types';

export type AuditLogFilters = { target?: string; actor_id?: number };

export function useAuditLogs(filters: AuditLogFilters, page: number, pageSize: number) {
  return useSWR<PageOf<AuditLogRow>>(withQuery('/api/v1/audit-logs', { ...filters, page, page_size: pageSize }), fetcher, {
    keepPreviousData: true,
  });
}
