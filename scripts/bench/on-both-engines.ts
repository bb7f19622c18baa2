import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type OpenDatabase, openPglite } from '@/db/open';
import { openFreshPostgres } from './fresh-postgres';

/**
 * Runs one database benchmark on PGlite in a throw-away directory, then on a fresh
 * PostgreSQL database (dropped after) when BENCH_DATABASE_URL names a local server — the
 * two engines the app runs on, printed one after the other. Each database is closed and
 * removed even when the benchmark throws.
 *
 * `thread: true` opens PGlite in its worker thread, as the app and `npm run demo` do; without
 * it PGlite runs in this process, so this process's CPU time is all the query work.
 */
export async function onBothEngines(name: string, bench: (label: 'PGlite' | 'PostgreSQL', open: OpenDatabase) => Promise<void>, { thread }: { thread: boolean }): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  try {
    const pglite = await openPglite(path.join(dir, 'pglite'), { thread });
    try {
      await bench('PGlite', pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL to a local server)');
    return;
  }
  const postgres = await openFreshPostgres(url);
  try {
    await bench('PostgreSQL', postgres);
  } finally {
    await postgres.close();
  }
}
