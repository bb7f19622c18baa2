import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapGustoCompany } from './map-company';
import { gustoLocationSchema, type GustoLocation } from './schemas';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const locations = (...names: string[]): GustoLocation[] =>
  names.flatMap((n) =>
    (fixture(n) as unknown[]).flatMap((l) => {
      const parsed = gustoLocationSchema.safeParse(l);
      return parsed.success ? [parsed.data] : [];
    }),
  );

describe('mapGustoCompany', () => {
  test('maps the spec example with its locations list', () => {
    const result = mapGustoCompany(fixture('company.json'), locations('locations-page-1.json', 'locations-page-2.json'));
    expect(result).toEqual({
      ok: true,
      record: {
        app: 'gusto',
        externalId: 'c7a07c73-a703-4462-9343-1b181182b6e0',
        name: 'Shoppe Studios LLC',
        legalName: 'Shoppe Studios LLC',
        tradingName: 'Record Shoppe',
        email: 'alda.carter@shoppe.example',
        phone: '8009360383', // the active filing location's phone
        website: null,
        streetAddress: { lines: ['300 3rd Street'], city: 'San Francisco', region: 'CA', postcode: '94107', country: 'USA' },
        postalAddress: { lines: ['PO Box 77'], city: 'Oakland', region: 'CA', postcode: '94601', country: 'USA' },
        taxNumber: null,
        taxNumberMasked: false,
        businessNumber: '00-0000001',
        businessStructure: 'C-Corporation',
        contacts: [
          {
            externalId: '2d7cd96f-e2fb-4db7-8c04-99ef531b4527',
            name: 'Alda Carter',
            email: 'alda.carter@shoppe.example',
            phone: '4160000000',
            mobile: null,
            salutation: null,
            position: 'Primary signatory',
            isPrimary: true,
          },
          {
            externalId: null,
            name: 'Ian Labadie',
            email: 'ian.labadie@shoppe.example',
            phone: '1-565-710-7559',
            mobile: null,
            salutation: null,
            position: 'Primary payroll admin',
            isPrimary: false,
          },
        ],
        archived: false,
        isProspect: false,
        modifiedAt: null,
      },
    });
  });

  test('numbers where strings belong (zip, phone) are read as text', () => {
    const only = locations('locations-page-1.json');
    expect(only[0]).toMatchObject({ zip: '94107', phone_number: '5825710808' });
  });

  test('without the locations list, the company locations stand in for the street address', () => {
    const result = mapGustoCompany(fixture('company.json'));
    expect(result).toMatchObject({
      ok: true,
      record: { streetAddress: { lines: ['412 Kiera Stravenue', 'Suite 391'], city: 'San Francisco' }, postalAddress: null, phone: '4160000000' },
    });
  });

  test.each([
    ['Approved', false, false],
    ['Not Approved', false, false], // still onboarding: a live client
    ['Suspended', false, true],
    ['Approved', true, true],
  ] as const)('company_status %s, is_suspended %s → archived %s', (status, suspended, archived) => {
    const company = { ...(fixture('company.json') as object), company_status: status, is_suspended: suspended };
    expect(mapGustoCompany(company)).toMatchObject({ ok: true, record: { archived } });
  });

  test('one person as signatory and payroll admin is one primary contact', () => {
    const company = fixture('company.json') as Record<string, unknown>;
    const same = { ...company, primary_payroll_admin: { first_name: 'Alda', last_name: 'Carter', email: 'ALDA.carter@shoppe.example', phone: null } };
    const result = mapGustoCompany(same);
    if (!result.ok) throw new Error(result.error);
    expect(result.record.contacts).toEqual([expect.objectContaining({ name: 'Alda Carter', isPrimary: true, position: 'Primary signatory and payroll admin' })]);
  });

  test('the signatory with a middle initial and the payroll admin without one (the admin object has none) are one contact, named in full', () => {
    const company = fixture('company.json') as Record<string, unknown>;
    const signatory = { ...(company.primary_signatory as object), first_name: 'Amelia', middle_initial: 'O', last_name: 'Li', email: 'amelia.li@example.com' };
    const admin = { first_name: ' amelia ', last_name: 'LI', email: 'Amelia.Li@example.com', phone: '6175555264' };
    const result = mapGustoCompany({ ...company, primary_signatory: signatory, primary_payroll_admin: admin });
    if (!result.ok) throw new Error(result.error);
    expect(result.record.contacts).toEqual([expect.objectContaining({ name: 'Amelia O Li', isPrimary: true, position: 'Primary signatory and payroll admin' })]);
  });

  test.each([
    ['another first name', { first_name: 'Amy', last_name: 'Li', email: 'amelia.li@example.com' }],
    ['another last name', { first_name: 'Amelia', last_name: 'Lee', email: 'amelia.li@example.com' }],
    ['another email', { first_name: 'Amelia', last_name: 'Li', email: 'amelia@other.example' }],
    ['no email', { first_name: 'Amelia', last_name: 'Li', email: null }],
  ])('a payroll admin with %s is a second contact', (_, admin) => {
    const company = fixture('company.json') as Record<string, unknown>;
    const signatory = { ...(company.primary_signatory as object), first_name: 'Amelia', middle_initial: 'O', last_name: 'Li', email: 'amelia.li@example.com' };
    const result = mapGustoCompany({ ...company, primary_signatory: signatory, primary_payroll_admin: { ...admin, phone: null } });
    if (!result.ok) throw new Error(result.error);
    expect(result.record.contacts.map((c) => [c.name, c.position, c.isPrimary])).toEqual([
      ['Amelia O Li', 'Primary signatory', true],
      [`${admin.first_name} ${admin.last_name}`, 'Primary payroll admin', false],
    ]);
  });

  test('no signatory: the payroll admin is the primary contact and gives the email', () => {
    const company = { ...(fixture('company.json') as object), primary_signatory: null };
    expect(mapGustoCompany(company)).toMatchObject({ ok: true, record: { email: 'ian.labadie@shoppe.example', contacts: [{ name: 'Ian Labadie', isPrimary: true }] } });
  });

  test('a malformed company fails alone with a readable reason', () => {
    expect(mapGustoCompany(fixture('company-malformed.json'))).toEqual({
      ok: false,
      externalId: 'bad00000-0000-4000-8000-000000000001',
      error: 'A Gusto company (bad00000-0000-4000-8000-000000000001) could not be read (problem with locations). It was skipped.',
    });
    expect(mapGustoCompany({ uuid: 'u-2', name: '  ' })).toEqual({ ok: false, externalId: 'u-2', error: 'Gusto company u-2 has no name. It was skipped.' });
    expect(mapGustoCompany('nonsense')).toMatchObject({ ok: false });
  });
});
