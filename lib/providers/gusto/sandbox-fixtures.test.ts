/** Mapping against payloads recorded from the sandbox (see record-fixtures.integration.test.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { gustoHttpError } from './errors';
import { mapGustoCompany } from './map-company';
import { gustoAdminSchema, gustoLocationSchema, gustoTokenInfoSchema } from './schemas';

const raw = (name: string) => readFileSync(new URL(`./__fixtures__/sandbox-${name}`, import.meta.url), 'utf8');
const json = (name: string): unknown => JSON.parse(raw(name));

describe('recorded sandbox payloads (Gusto)', () => {
  test('company + locations → canonical record', () => {
    const locations = (json('locations.json') as unknown[]).map((l) => gustoLocationSchema.parse(l));
    const result = mapGustoCompany(json('company.json'), locations);
    expect(result).toMatchObject({ ok: true, record: { app: 'gusto', taxNumber: null, website: null } });
    if (!result.ok) return;
    const company = json('company.json') as { uuid: string; name: string; ein: string; entity_type: string };
    expect(result.record).toMatchObject({
      externalId: company.uuid,
      name: company.name,
      legalName: company.name,
      businessNumber: company.ein,
      businessStructure: company.entity_type,
    });
    expect(result.record.streetAddress?.postcode).toMatch(/^\d{5}$/); // leading zeros kept
    expect(result.record.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    expect(result.record.email).toMatch(/@/);
  });

  test('admins and token_info parse', () => {
    expect((json('admins.json') as unknown[]).every((a) => gustoAdminSchema.safeParse(a).success)).toBe(true);
    expect(gustoTokenInfoSchema.parse(json('token-info.json')).resource?.type).toBe('Company');
  });

  test('bad values fail the record alone', () => {
    expect(mapGustoCompany(json('company-bad-values.json'))).toMatchObject({ ok: false, error: expect.stringContaining('could not be read') });
  });

  test('403 missing_permissions', () => {
    expect(gustoHttpError({ status: 403, headers: new Headers(), text: raw('error-403.json'), attempts: 1 }, 0)).toMatchObject({ kind: 'forbidden', code: 'missing_permissions' });
  });
});
