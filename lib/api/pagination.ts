import { z } from 'zod';

// Every admin list takes `page` and `page_size` and answers `{ items, total, page, page_size }`, plus the
// original backend's own key for the same array (`providers`, `models`, `tokens`, `users`) so its UI keeps working.
//
// That UI asks for most lists without either parameter and pages them itself, so a request that gives neither is
// answered with the whole list, up to UNPAGED_LIMIT rows (the answer's page_size says so; `total` above the number
// of items means the list was cut). With either parameter the list is paged, 20 rows by default, 100 at most.

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Rows of a list asked for without `page` and `page_size` (docs/CONTRACTS.md). */
export const UNPAGED_LIMIT = 1000;

/** Query strings arrive as text; an empty value means "use the default". */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const paginationQuery = z.object({
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be at least 1').optional(),
  ),
  page_size: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'page_size must be a number' })
      .int('page_size must be a whole number')
      .min(1, 'page_size must be at least 1')
      .max(MAX_PAGE_SIZE, `page_size must be at most ${MAX_PAGE_SIZE}`)
      .optional(),
  ),
});

export type PaginationQuery = z.infer<typeof paginationQuery>;

/** The page a query names: neither parameter is the whole list (up to UNPAGED_LIMIT), else page 1 and 20 rows by default. */
export function resolvePage({ page, page_size }: PaginationQuery): { page: number; page_size: number } {
  if (page === undefined && page_size === undefined) return { page: 1, page_size: UNPAGED_LIMIT };
  return { page: page ?? 1, page_size: page_size ?? DEFAULT_PAGE_SIZE };
}

export type Page<T> = { items: T[]; total: number; page: number; page_size: number };

/** Prisma's `skip`/`take` for a page. */
export function pageWindow(query: PaginationQuery): { skip: number; take: number } {
  const { page, page_size } = resolvePage(query);
  return { skip: (page - 1) * page_size, take: page_size };
}

export function toPage<T, K extends string>(
  items: T[],
  total: number,
  query: PaginationQuery,
  aliasKey: K,
): Page<T> & Record<K, T[]> {
  const { page, page_size } = resolvePage(query);
  return { items, total, page, page_size, [aliasKey]: items } as Page<T> & Record<K, T[]>;
}
