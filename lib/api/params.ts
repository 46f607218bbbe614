import { notFound } from './errors';

/** The numeric `[id]` of a route; anything that is not a positive integer cannot name a record. */
export function idParam(params: Record<string, string>, what: string, key = 'id'): number {
  const id = Number(params[key]);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(`${what} ${params[key]}`);
  return id;
}
