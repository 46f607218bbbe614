import { z } from 'zod';

// Every admin list takes `page` and `page_size` and answers `{ items, total, page, page_size }`, plus the
// original backend's own key for the same array (`providers`, `models`, `tokens`, `users`) so its UI keeps working.

export const MAX_PAGE_SIZE = 100;

/** Query strings arrive as text; an empty value means "use the default". */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const paginationQuery = z.object({
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be at least 1').default(1),
  ),
  page_size: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'page_size must be a number' })
      .int('page_size must be a whole number')
      .min(1, 'page_size must be at least 1')
      .max(MAX_PAGE_SIZE, `page_size must be at most ${MAX_PAGE_SIZE}`)
      .default(20),
  ),
});

export type PaginationQuery = z.infer<typeof paginationQuery>;

export type Page<T> = { items: T[]; total: number; page: number; page_size: number };

/** Prisma's `skip`/`take` for a page. */
export function pageWindow({ page, page_size }: PaginationQuery): { skip: number; take: number } {
  return { skip: (page - 1) * page_size, take: page_size };
}

export function toPage<T, K extends string>(
  items: T[],
  total: number,
  { page, page_size }: PaginationQuery,
  aliasKey: K,
): Page<T> & Record<K, T[]> {
  return { items, total, page, page_size, [aliasKey]: items } as Page<T> & Record<K, T[]>;
}
