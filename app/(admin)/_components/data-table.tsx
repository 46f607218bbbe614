'use client';

import type { Key } from 'react';
import { Empty, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { ApiErrorAlert } from './api-error-alert';

type DataTableProps<T> = {
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  rows: T[] | undefined;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  pagination?: TablePaginationConfig | false;
  emptyText?: string;
  testId?: string;
  /** Makes rows clickable (and reachable with the keyboard: Enter opens the row). */
  onRowClick?: (row: T) => void;
};

/**
 * Every list page's table: server-side pagination handed in, a spinner while loading, the envelope's message on
 * failure, an empty state, and horizontal scrolling on narrow screens.
 */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { rowKey, columns, rows, loading, error, onRetry, pagination = false, emptyText = 'Nothing here yet', testId, onRowClick } = props;
  return (
    <>
      <ApiErrorAlert error={error} onRetry={onRetry} />
      <Table<T>
        data-testid={testId}
        rowKey={(row) => row[rowKey] as Key}
        columns={columns}
        dataSource={rows ?? []}
        loading={loading}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        size="middle"
        onRow={
          onRowClick &&
          ((row) => ({
            onClick: () => onRowClick(row),
            onKeyDown: (event) => {
              if (event.key === 'Enter') onRowClick(row);
            },
            tabIndex: 0,
            style: { cursor: 'pointer' },
          }))
        }
        locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      />
    </>
  );
}

/** What a list page's SWR query of one page of rows gives the table: rows, loading, error and retry. */
export function listTableProps<T>(list: { data?: { items: T[] }; isLoading: boolean; error?: unknown; mutate: () => unknown }) {
  return { rows: list.data?.items, loading: list.isLoading, error: list.error, onRetry: () => void list.mutate() };
}
