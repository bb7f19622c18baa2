import { sql, type SQL } from 'drizzle-orm';
import { likeEveryWord } from '@/lib/dal/client-picker/search-terms';

/**
 * Every word of a list page's search is in one of `columns` (lowercased text expressions): one
 * condition per word, each an OR over the columns, all ANDed — so "Kelly BAS" finds the BAS
 * proposal for Kelly Family Trust. Each LIKE matches a trigram index's expression. A search with
 * no words (the caller passes none) matches everything.
 */
export function everyWord(columns: readonly SQL[], q: string): SQL {
  const patterns = likeEveryWord(q);
  if (patterns.length === 0) return sql`true`;
  const anyColumn = (pattern: string) =>
    sql`(${sql.join(
      columns.map((column) => sql`${column} like ${pattern}`),
      sql` or `,
    )})`;
  return sql`(${sql.join(patterns.map(anyColumn), sql` and `)})`;
}
