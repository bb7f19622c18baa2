import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queryRows } from '@/db';
import type { OpenDatabase } from '@/db/open';
import { LEGAL_SUFFIXES, normalizeName } from '@/lib/sync/matching';
import { testDatabases } from '@/test/databases';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';
import { legalFormsPattern, normalizedNameSql } from './normalized-name-sql';

/** Names of every kind the database's normalisation handles: it must agree with normalizeName on each. */
const NAMES = [
  'Harbour Dental Pty. Ltd.',
  'Green & Kaur Advisory',
  'Green and Kaur Advisory Limited',
  'The Green & Kaur Advisory Pty Ltd',
  'THE   Green&Kaur   ADVISORY, LTD.',
  'Smith & Co',
  'Smith & Co.',
  'Smith and Co Pty Ltd',
  "O'Brien Plumbing",
  'O’Brien Plumbing',
  'Acme L.L.C.',
  'Acme LLC',
  'J.B. Hi-Fi',
  'A.B.C. Holdings P/L',
  'Kiwi Builders NZ Limited',
  'Summit Peak Consulting, Inc.',
  'Ltd Logistics',
  'Limited',
  'Pty Ltd',
  'The Co',
  'The',
  'Theatre Works',
  'Alpha Ltd Ltd',
  '  Padded   Name  ',
  '3M Australia Pty Ltd',
  'Twenty 20 Partners LLP',
  // Every legal form on its own after a name, so a form added to legal-suffixes.ts is checked too.
  ...LEGAL_SUFFIXES.map((words) => `Wren Field ${words.join(' ')}`),
];

describe.each(testDatabases())('the database normalises a name as normalizeName does, on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await installTestDatabase(target);
  });
  afterAll(() => uninstallTestDatabase(database));

  test.each(NAMES)('%s', async (name) => {
    const [row] = await queryRows<{ key: string }>(database.db, sql`select ${normalizedNameSql(sql`${name}::text`)} as key`);
    expect(row?.key).toBe(normalizeName(name));
  });
});

describe('legalFormsPattern', () => {
  test('strips every legal form, longest first, and nothing that is not one', () => {
    const pattern = new RegExp(legalFormsPattern());
    expect('harbour dental pty ltd'.replace(pattern, '$1')).toBe('harbour dental');
    expect('smith and co'.replace(pattern, '$1')).toBe('smith');
    expect('kiwi builders nz ltd'.replace(pattern, '$1')).toBe('kiwi builders');
    // All legal form: one word stays, as normalizeName keeps it.
    expect('pty ltd'.replace(pattern, '$1')).toBe('pty');
    expect('limited'.replace(pattern, '$1')).toBe('limited');
    // Not a legal form on its own (legal-suffixes.ts): kept.
    expect('acme holdings'.replace(pattern, '$1')).toBe('acme holdings');
    expect('acme nz'.replace(pattern, '$1')).toBe('acme nz');
  });
});
