import { createRng } from '@/lib/fixtures/business-names';

/**
 * What authors type while looking for a client: the keystrokes of a name (1, 2, 3, 5, 8
 * characters), the whole name, a later word, and a typo. Deterministic for a given list.
 */
export function typedQueries(names: readonly string[], count: number): string[] {
  const rng = createRng(0x0_9e_7);
  const queries: string[] = [];
  for (let i = 0; queries.length < count; i++) {
    const name = names[i % names.length]!;
    const words = name.split(/\s+/);
    const kind = i % 8;
    if (kind < 5) queries.push(name.slice(0, [1, 2, 3, 5, 8][kind]));
    else if (kind === 5) queries.push(name);
    else if (kind === 6) queries.push(words[Math.min(1, words.length - 1)]!.slice(0, 6));
    else {
      const at = 1 + Math.floor(rng() * Math.max(1, Math.min(name.length, 10) - 2));
      queries.push(`${name.slice(0, at)}${name.slice(at + 1, 10)}`); // a dropped letter
    }
  }
  return queries;
}
