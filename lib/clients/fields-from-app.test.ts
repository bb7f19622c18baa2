import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapGustoCompany } from '@/lib/providers/gusto/map-company';
import { gustoLocationSchema } from '@/lib/providers/gusto/schemas';
import { mapXpmClient } from '@/lib/providers/xpm/map-client';
import { parseXml, type XmlObject } from '@/lib/providers/xpm/xml';
import type { CanonicalClient } from '@/lib/sync/canonical-client';
import { planRecord } from '@/lib/sync/plan/field-changes';
import { CLIENT_PARTS, partOfField, PARTS_FROM_APP } from './fields-from-app';

const fixture = (path: string) => readFileSync(new URL(`../providers/${path}`, import.meta.url), 'utf8');

function mapped(result: ReturnType<typeof mapXpmClient>): CanonicalClient {
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

/** A full record of each app, through its own adapter, as the sync engine receives it. */
const FULL_RECORDS = {
  xpm: () => mapped(mapXpmClient((parseXml(fixture('xpm/__fixtures__/get-client-full.xml')).Response as XmlObject).Client)),
  gusto: () =>
    mapped(
      mapGustoCompany(
        JSON.parse(fixture('gusto/__fixtures__/company.json')),
        ['locations-page-1.json', 'locations-page-2.json'].flatMap((page) =>
          // The pages hold a malformed location too, which the adapter's reader leaves out.
          (JSON.parse(fixture(`gusto/__fixtures__/${page}`)) as unknown[]).flatMap((l) => gustoLocationSchema.safeParse(l).data ?? []),
        ),
      ),
    ),
};

const EMPTY_CLIENT = { client: Object.fromEntries(CLIENT_PARTS.map((part) => [part, null])), contacts: [] } as unknown as Parameters<typeof planRecord>[0];

describe('PARTS_FROM_APP is what a sync from each app writes', () => {
  test.each(Object.entries(FULL_RECORDS))('%s: Everything / From the app, onto an empty client', (app, record) => {
    const plan = planRecord(EMPTY_CLIENT, record(), { syncData: 'everything', direction: 'from_app' });
    const written = new Set([...plan.fields.map((f) => partOfField(f.field)), ...(plan.contacts ? ['contacts'] : [])]);
    const inFormOrder = CLIENT_PARTS.filter((part) => written.has(part));
    expect(inFormOrder).toEqual(PARTS_FROM_APP[app as keyof typeof PARTS_FROM_APP]);
  });

  test('XPM’s masked tax number is not written, so it is not named', () => {
    const record = FULL_RECORDS.xpm();
    expect(record.taxNumberMasked).toBe(true);
    expect(PARTS_FROM_APP.xpm).not.toContain('taxNumber');
  });
});

describe('partOfField', () => {
  test.each([
    ['streetCity', 'streetAddress'],
    ['postalLine2', 'postalAddress'],
    ['businessNumber', 'businessNumber'],
    ['contacts', 'contacts'],
    ['version', null],
  ])('%s → %s', (field, part) => {
    expect(partOfField(field)).toBe(part);
  });
});
