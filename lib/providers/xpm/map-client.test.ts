import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mapXpmClient } from './map-client';
import { asArray, isXmlObject, parseXml, type XmlObject } from './xml';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const clientsOf = (xml: string) => {
  const response = parseXml(xml).Response as XmlObject;
  const container = response.Clients;
  return asArray(isXmlObject(container) ? container.Client : undefined);
};

describe('mapXpmClient', () => {
  const results = clientsOf(fixture('list-clients.xml')).map((c) => mapXpmClient(c));

  test('maps a full record: entities decoded, both addresses, masked tax number, contacts', () => {
    const first = results[0];
    expect(first?.ok).toBe(true);
    if (!first?.ok) return;
    expect(first.record).toEqual({
      app: 'xpm',
      externalId: '2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01',
      name: 'Harbour & Pine Pty Ltd',
      legalName: null,
      tradingName: null,
      email: 'accounts@harbourpine.com.au',
      phone: '03 9000 1234',
      website: 'https://harbourpine.com.au',
      streetAddress: { lines: ['Level 3', '120 Collins Street'], city: 'Melbourne', region: 'VIC', postcode: '3000', country: 'Australia' },
      postalAddress: { lines: ['PO Box 4471'], city: 'Melbourne', region: 'VIC', postcode: '3001', country: 'Australia' },
      taxNumber: '*****6789',
      taxNumberMasked: true,
      businessNumber: '51 824 753 556',
      businessStructure: 'Company',
      contacts: [
        {
          externalId: 'c0000001-0000-4000-8000-000000000001',
          name: 'Priya Shah',
          email: 'priya@harbourpine.com.au',
          phone: '03 9000 1235',
          mobile: '0400 000 001',
          salutation: 'Priya',
          position: 'Director',
          isPrimary: true,
        },
        {
          externalId: 'c0000001-0000-4000-8000-000000000002',
          name: 'Tom Lee',
          email: 'tom@harbourpine.com.au',
          phone: null,
          mobile: null,
          salutation: null,
          position: null,
          isPrimary: false,
        },
      ],
      archived: false,
      isProspect: false,
      modifiedAt: null,
    });
  });

  test('empty elements become null, a leading-zero postcode survives, one contact is still a list', () => {
    const second = results[1];
    if (!second?.ok) throw new Error('expected ok');
    expect(second.record).toMatchObject({
      email: null,
      phone: null,
      website: null,
      taxNumber: null,
      taxNumberMasked: false,
      businessNumber: null,
      streetAddress: { lines: [], city: null, region: null, postcode: '0800', country: null },
      postalAddress: null,
      isProspect: true,
    });
    expect(second.record.contacts).toHaveLength(1);
    expect(second.record.contacts[0]).toMatchObject({ name: 'Sam Baker', isPrimary: true });
  });

  test('IsArchived and IsDeleted both mean archived; <Contacts/> is no contacts', () => {
    expect(results[2]).toMatchObject({ ok: true, record: { archived: true, contacts: [] } });
    expect(results[3]).toMatchObject({ ok: true, record: { archived: true } });
  });

  test('a record without UUID or Name fails alone, with a readable reason', () => {
    expect(results[4]).toEqual({ ok: false, error: 'An XPM client named "No Identity Co" has no UUID, so it cannot be linked. It was skipped.' });
    expect(results[5]).toEqual({
      ok: false,
      externalId: '2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a06',
      error: 'XPM client 2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a06 has no name. It was skipped.',
    });
    expect(results.filter((r) => r.ok)).toHaveLength(4);
  });

  test('a single <Client> in a list parses as one record', () => {
    const single = clientsOf(fixture('list-single.xml'));
    expect(single).toHaveLength(1);
    expect(mapXpmClient(single[0])).toMatchObject({ ok: true, record: { name: 'Solo Plumbing', contacts: [{ name: 'Ann Solo', isPrimary: true }] } });
  });

  test('<Clients/> is an empty list', () => {
    expect(clientsOf(fixture('list-empty.xml'))).toEqual([]);
  });

  test('a single <Client> parsed as an object (not forced to an array) maps too', () => {
    const doc = parseXml('<Wrapper><Client><UUID>u-1</UUID><Name>Loose</Name><Contacts><Contact><Name>One</Name></Contact></Contacts></Client></Wrapper>');
    const wrapper = doc.Wrapper as XmlObject;
    expect(mapXpmClient(wrapper.Client)).toMatchObject({ ok: true, record: { externalId: 'u-1', contacts: [{ name: 'One' }] } });
  });

  test('garbage is a failed record, not an exception', () => {
    expect(mapXpmClient(undefined)).toMatchObject({ ok: false });
    expect(mapXpmClient('text')).toMatchObject({ ok: false });
  });

  test('CompanyNumber stands in when BusinessNumber is empty', () => {
    expect(mapXpmClient({ UUID: 'u', Name: 'N', BusinessNumber: '', CompanyNumber: 'ACN 1' })).toMatchObject({ ok: true, record: { businessNumber: 'ACN 1' } });
  });

  test.each([
    ['IsArchived', 'Perhaps', 'XPM client "N" has an unreadable IsArchived value ("Perhaps"). It was skipped.'],
    ['IsProspect', 'Maybe', 'XPM client "N" has an unreadable IsProspect value ("Maybe"). It was skipped.'],
    ['Email', 'not-an-email@@', 'XPM client "N" has an email address that is not valid ("not-an-email@@"). Correct it in XPM; the client was skipped.'],
  ])('an unreadable %s fails the record rather than guessing', (field, value, error) => {
    expect(mapXpmClient({ UUID: 'u', Name: 'N', [field]: value })).toEqual({ ok: false, externalId: 'u', error });
  });
});
