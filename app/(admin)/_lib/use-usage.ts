'use client';

import useSWR from 'swr';
import { fetcher, withQuery } from './api-request';
import type { PageOf, UsageDetail, UsageDistributionItem, UsageFilters, UsageRow, UsageStats, UsageTrendPoint } from './types';

const PATH = '/api/v1/usage';

/** The usage API's filter query (dates are YYYY-MM-DD, inclusive). */
export function usageQuery(filters: UsageFilters) {
  return {
    start_time: filters.start_time,
    end_time: filters.end_time,
    model_name: filters.model_name,
    user_token_id: filters.user_token_id,
    provider_id: filters.provider_id,
    status: filters.status,
  };
}

export function useUsageRows(filters: UsageFilters, page: number, pageSize: number) {
  return useSWR<PageOf<UsageRow>>(withQuery(PATH, { ...usageQuery(filters), page, page_size: pageSize }), fetcher, {
    keepPreviousData: true,
  });
}

/** One request's detail (its attempts, names, cost); nothing is fetched while `id` is null. */
export function useUsageDetail(id: number | null) {
  return useSWR<UsageDetail>(id === null ? null : `${PATH}/${id}`, fetcher);
}

export function useUsageStats(filters: UsageFilters) {
  return useSWR<UsageStats>(withQuery(`${PATH}/stats`, usageQuery(filters)), fetcher, { keepPreviousData: true });
}

export function useUsageTrend(filters: UsageFilters) {
  return useSWR<{ trend: UsageTrendPoint[] }>(withQuery(`${PATH}/trend`, usageQuery(filters)), fetcher, {
    keepPreviousData: true,
  });
}

export function useUsageDistribution(filters: UsageFilters) {
  return useSWR<{ distribution: UsageDistributionItem[] }>(withQuery(`${PATH}/distribution`, usageQuery(filters)), fetcher, {
    keepPreviousData: true,
  });
}

/** The server streams the whole filtered result as CSV; the browser downloads it through a plain link. */
export function usageExportHref(filters: UsageFilters): string {
  return withQuery(`${PATH}/export`, usageQuery(filters));
}
