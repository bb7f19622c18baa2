import { createRng } from '@/lib/fixtures/business-names';

/**
 * What authors type while looking for a client: the keystrokes of a name (1, 2, 3, 5 and 8
 * characters), the whole name, a later word, and a typo. Deterministic for a given list.
 */
export const QUERY_KINDS = ['1 character', '2 characters', '3 characters', '5 characters', '8 characters', 'whole name', 'a later word', 'a typo'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export function typedQueriesByKind(names: readonly string[], count: number): { kind: QueryKind; q: string }[] {
  const rng = createRng(0x0_9e_7);
  const queries: { kind: QueryKind; q: string }[] = [];
  for (let i = 0; queries.length < count; i++) {
    const name = names[i % names.length]!;
    const words = name.split(/\s+/);
    const k = i % QUERY_KINDS.length;
    const kind = QUERY_KINDS[k]!;
    if (k < 5) queries.push({ kind, q: name.slice(0, [1, 2, 3, 5, 8][k]) });
    else if (k === 5) queries.push({ kind, q: name });
    else if (k === 6) queries.push({ kind, q: words[Math.min(1, words.length - 1)]!.slice(0, 6) });
    else {
      const at = 1 + Math.floor(rng() * Math.max(1, Math.min(name.length, 10) - 2));
      queries.push({ kind, q: `${name.slice(0, at)}${name.slice(at + 1, 10)}` }); // a dropped letter
    }
  }
  return queries;
}

export function typedQueries(names: readonly string[], count: number): string[] {
  return typedQueriesByKind(names, count).map((entry) => entry.q);
}
