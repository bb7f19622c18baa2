/**
 * How many distinct statement texts a process keeps as named prepared statements, on each
 * PostgreSQL connection (db/prepared-rows.ts) and in PGlite's worker (db/pglite-prepared-source.ts).
 * Past it, new texts run unprepared: a statement whose text wrongly depends on input then
 * costs speed, never memory.
 */
export const MAX_PREPARED_TEXTS = 64;
