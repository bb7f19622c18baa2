import { sql, type SQL } from 'drizzle-orm';
import { likeEveryWord } from '@/lib/dal/client-picker/search-terms';

/**
 * `column` (a lowercased text expression) contains every word of a list page's search: the
 * LIKEs are ANDed, so a trigram index on the expression answers them together. A search
 * with no words (the caller passes none) matches everything.
 */
export function everyWord(column: SQL, q: string): SQL {
  const patterns = likeEveryWord(q);
  if (patterns.length === 0) return sql`true`;
  return sql`(${sql.join(
    patterns.map((pattern) => sql`${column} like ${pattern}`),
    sql` and `,
  )})`;
}
