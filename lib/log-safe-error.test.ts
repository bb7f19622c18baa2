import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { clients } from '@/db/schema';
import { testDatabases } from '@/test/databases';
import { describeErrorForLog, installLogRedaction, isDatabaseError, redactLogArguments } from './log-safe-error';

const SECRET = 'harbour-secret-search-text';

/** What Drizzle throws when a query fails (drizzle-orm/errors.js), built by hand. */
function drizzleQueryError(cause: unknown) {
  const error = new Error(`Failed query: select "id" from "clients" where "name" ilike $1\nparams: %${SECRET}%,practice-1234`) as Error & Record<string, unknown>;
  error.name = 'DrizzleQueryError';
  error.query = 'select "id" from "clients" where "name" ilike $1';
  error.params = [`%${SECRET}%`, 'practice-1234'];
  error.cause = cause;
  return error;
}

function postgresError(message: string, fields: Record<string, unknown>) {
  return Object.assign(new Error(message), { name: 'error', severity: 'ERROR', ...fields });
}

describe('describeErrorForLog', () => {
  test('a failed query is named by its SQL and SQLSTATE, never by its parameters or message', () => {
    const cause = postgresError(`invalid input syntax for type uuid: "${SECRET}"`, { code: '22P02', detail: `Key (name)=(${SECRET})`, routine: 'string_to_uuid' });
    const line = describeErrorForLog(drizzleQueryError(cause));
    expect(line).toContain('DrizzleQueryError (sql: select "id" from "clients" where "name" ilike $1)');
    expect(line).toContain('SQLSTATE 22P02');
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('practice-1234');
    expect(line).not.toContain('params');
  });

  test('constraint, table and column names are kept: they identify the failure and hold no values', () => {
    const error = postgresError(`duplicate key value violates unique constraint "users_email_key"`, {
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
      detail: `Key (email)=(${SECRET}@example.com) already exists.`,
    });
    expect(describeErrorForLog(error)).toMatch(/^error \(SQLSTATE 23505; constraint users_email_key; table users\)/);
    expect(describeErrorForLog(error)).not.toContain(SECRET);
  });

  test('an error carrying params (PGlite keeps query and params on its errors) is treated as a database error', () => {
    const error = Object.assign(new Error(`boom ${SECRET}`), { query: 'select $1', params: [SECRET] });
    expect(isDatabaseError(error)).toBe(true);
    expect(describeErrorForLog(error)).toBe(
      `Error (sql: select $1)\n${error.stack
        ?.split('\n')
        .filter((l) => /^\s+at /.test(l))
        .join('\n')}`,
    );
  });

  test('the stack frames are kept, the message line is not', () => {
    const line = describeErrorForLog(drizzleQueryError(undefined));
    expect(line).toMatch(/\n\s+at /);
    expect(line.split('\n').filter((l) => !/^\s+at /.test(l))).toEqual(['DrizzleQueryError (sql: select "id" from "clients" where "name" ilike $1)']);
  });

  test.each([
    [new TypeError('x is not a function'), /^TypeError: x is not a function\n\s+at /],
    ['a string', /^non-Error value thrown$/],
    [42, /^non-Error value thrown \(number\)$/],
    [null, /^$/],
  ])('other errors keep their name and message: %s', (error, expected) => {
    expect(describeErrorForLog(error)).toMatch(expected);
  });

  test('a cycle of causes does not loop forever', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(describeErrorForLog(a).split(' ← caused by ')).toHaveLength(5);
  });
});

describe.each(testDatabases())('a real failed query on $name', (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.close());

  test.each([
    ['a NUL in a text parameter', `${SECRET}\u0000`],
    ['a value that is not a uuid', SECRET],
  ])('%s: the log line names the SQL, not the value', async (_label, value) => {
    const error = await database.db
      .select({ id: clients.id })
      .from(clients)
      .where(sql`${clients.practiceId} = ${value} and ${clients.name} ilike ${`%${SECRET}%`}`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    // The raw error does carry the values: this is what used to be logged.
    expect(String((error as Error).message) + JSON.stringify((error as { params?: unknown }).params ?? '')).toContain(SECRET);
    const line = describeErrorForLog(error);
    expect(line).toContain('sql: select "id" from "clients" where "clients"."practice_id" = $1');
    expect(line).toMatch(/SQLSTATE [0-9A-Z]{5}/);
    expect(line).not.toContain(SECRET);
  });
});

describe('log lines we do not write ourselves', () => {
  test('database errors among console arguments are replaced by their description; the rest pass', () => {
    const failed = drizzleQueryError(postgresError('boom', { code: '22021', routine: 'report_invalid_encoding' }));
    const wrapped = new Error('render failed', { cause: failed });
    const other = new Error('ordinary');
    const [label, redacted, redactedWrapper, untouched, value] = redactLogArguments(['⨯', failed, wrapped, other, { a: 1 }]);
    expect(label).toBe('⨯');
    expect(redacted).toBe(describeErrorForLog(failed));
    expect(String(redactedWrapper)).toContain('SQLSTATE 22021');
    expect(String(redacted) + String(redactedWrapper)).not.toContain(SECRET);
    expect(untouched).toBe(other);
    expect(value).toEqual({ a: 1 });
  });

  test('installLogRedaction wraps console.error and console.warn once', () => {
    const seen: unknown[][] = [];
    const target = { error: (...args: unknown[]) => seen.push(args), warn: (...args: unknown[]) => seen.push(args) };
    installLogRedaction(target);
    installLogRedaction(target); // a second install must not wrap twice
    const failed = drizzleQueryError(undefined);
    target.error(failed);
    target.warn('note', failed);
    expect(seen).toEqual([[describeErrorForLog(failed)], ['note', describeErrorForLog(failed)]]);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });
});
