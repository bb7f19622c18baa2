/** Mapping against payloads recorded from the sandbox (see record-fixtures.integration.test.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapClientItems } from './client-list';
import { nextPageToken } from './client';
import { readXpmResponse, xpmHttpError } from './errors';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/sandbox-${name}`, import.meta.url), 'utf8');
const answer = (text: string, status = 200) => ({ status, headers: new Headers(), text, attempts: 1 });

describe('recorded sandbox payloads (XPM)', () => {
  test('paged-list: three clients and a next page token', async () => {
    const a = readXpmResponse(answer(fixture('paged-list.xml')), 0);
    const results = await mapClientItems(a.clients);
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0];
    if (!first?.ok) throw new Error('expected ok');
    expect(first.record).toMatchObject({ app: 'xpm', archived: false, taxNumberMasked: true });
    expect(first.record.taxNumber).toMatch(/^\*+\d{4}$/);
    expect(first.record.streetAddress?.lines.length).toBeGreaterThan(0);
    expect(nextPageToken(a.envelope)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('get: one client with contacts', async () => {
    const [result] = await mapClientItems(readXpmResponse(answer(fixture('get-client.xml')), 0).clients);
    expect(result).toMatchObject({ ok: true });
    if (!result?.ok) return;
    expect(result.record.contacts.length).toBeGreaterThan(0);
  });

  test('an archived client maps to archived', async () => {
    const [result] = await mapClientItems(readXpmResponse(answer(fixture('get-archived-client.xml')), 0).clients);
    expect(result).toMatchObject({ ok: true, record: { archived: true } });
  });

  test('bad values fail the record with a readable reason', async () => {
    const [result] = await mapClientItems(readXpmResponse(answer(fixture('get-bad-values.xml')), 0).clients);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/unreadable IsArchived value \("Perhaps"\)/) });
  });

  test('an empty search is an empty list', async () => {
    expect(readXpmResponse(answer(fixture('search-empty.xml')), 0).clients).toEqual([]);
  });

  test('Status ERROR on HTTP 200: validation and not-found', () => {
    expect(() => readXpmResponse(answer(fixture('error-200.xml')), 0)).toThrow(
      expect.objectContaining({ kind: 'validation', message: 'XPM did not accept the change: Name is required' }),
    );
    expect(() => readXpmResponse(answer(fixture('not-found-200.xml')), 0)).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });

  test('401 TokenExpired JSON', () => {
    expect(xpmHttpError(answer(fixture('token-expired-401.json'), 401), 0)).toMatchObject({ kind: 'auth_expired', code: 'TokenExpired' });
  });
});
