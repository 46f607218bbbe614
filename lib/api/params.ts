import { notFound } from '../errors';
import { MAX_ID } from './id-schema';

/** The numeric `[id]` of a route; anything that is not a positive integer column value cannot name a record. */
export function idParam(params: Record<string, string>, what: string, key = 'id'): number {
  const raw = params[key];
  const id = /^\d+$/.test(raw ?? '') ? Number(raw) : NaN;
  if (!(id >= 1 && id <= MAX_ID)) throw notFound(`${what} ${raw}`);
  return id;
}
