import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenDatabase, openPostgres } from '@/db/open';

/**
 * A brand-new database on the given server for one benchmark run, dropped on close, so a
 * benchmark never touches anyone's data. Local servers only, as for tests. `url` names it,
 * for a server the benchmark starts against the same database.
 */
export async function openFreshPostgres(serverUrl: string): Promise<OpenDatabase & { url: string }> {
  const base = new URL(serverUrl);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(base.hostname)) {
    throw new Error(`Refusing to benchmark against non-local database host "${base.hostname}"`);
  }
  const name = `ps_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), { max: 12 });
  return {
    ...open,
    url: url.toString(),
    async close() {
      await open.close();
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`drop database if exists "${name}" with (force)`);
      await cleaner.end();
    },
  };
}
