'use client';

import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';

const PAGE_SIZES = ['10', '20', '50', '100'];

/** Page and page size of a server-paginated table, and the antd pagination props that drive them. */
export function usePagination(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);

  function tablePagination(total: number | undefined): TablePaginationConfig {
    return {
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
      showTotal: (count) => `${count} in total`,
      onChange: (nextPage, nextSize) => {
        setPage(nextSize !== pageSize ? 1 : nextPage);
        setPageSize(nextSize);
      },
    };
  }

  return { page, pageSize, resetPage: () => setPage(1), tablePagination };
}
