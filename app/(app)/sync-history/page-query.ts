import { z } from 'zod';

/** `?page=` of the history and of a run's changed clients: a bad value is page 1, never an error. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export function pageFrom(raw: Record<string, string | string[] | undefined>): number {
  return pageParam.parse(typeof raw.page === 'string' ? raw.page : undefined);
}
