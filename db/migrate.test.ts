import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { queryRows } from '@/db/open';
import { assertLocalDatabaseUrl, testDatabases } from '@/test/databases';

describe.each(testDatabases())('migrations on $name', ({ open }) => {
  test('apply to an empty database and create every table and the trigram extension', async () => {
    const database = await open();
    try {
      const tables = await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
      const names = tables.map((r) => r.table_name);
      expect(names).toEqual(expect.arrayContaining(['practices', 'users', 'clients', 'client_contacts', 'client_field_provenance']));
      const ext = await queryRows<{ extname: string }>(database.db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
      expect(ext).toHaveLength(1);
      const [similarity] = await queryRows<{ s: number }>(database.db, sql`select similarity('harbour', 'harbor') as s`);
      expect(Number(similarity?.s)).toBeGreaterThan(0.3);
    } finally {
      await database.close();
    }
  });
});

describe('test database guard', () => {
  test.each([
    ['postgres://postgres@127.0.0.1:5432/test', true],
    ['postgres://postgres@localhost/test', true],
    ['postgres://postgres@db.example.com/test', false],
    ['postgres://postgres@10.0.0.5/test', false],
    ['mysql://root@127.0.0.1/test', false],
  ])('%s local=%s', (url, ok) => {
    if (ok) expect(assertLocalDatabaseUrl(url).hostname).toBeTruthy();
    else expect(() => assertLocalDatabaseUrl(url)).toThrow();
  });
});
