import { mutate } from 'swr';

/** Revalidates every cached SWR key under a path (all pages and filters of a list), after a write. */
export function refreshResource(...prefixes: string[]): Promise<unknown> {
  return mutate((key) => typeof key === 'string' && prefixes.some((prefix) => key === prefix || key.startsWith(`${prefix}?`) || key.startsWith(`${prefix}/`)));
}
