/**
 * The client.api/update body built from a realistic XPM record (every documented field, GST
 * settings in display form, managers, type, groups, a masked tax number, two contacts), for each
 * Sync data. Each body is also run through the sandbox's check of XPM's request schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { validateXpmRequest } from '../../sandbox/xpm/request-validation';
import type { XmlNode as SandboxXmlNode } from '../../sandbox/xpm/xml';
import { addJobXml, updateClientBody, updateContactBody, type XpmSyncData } from './client-xml';
import { parseXml, type XmlObject } from './xml';

const record = (): XmlObject => {
  const xml = readFileSync(new URL('./__fixtures__/get-client-full.xml', import.meta.url), 'utf8');
  return (parseXml(xml).Response as XmlObject).Client as XmlObject;
};
const reparse = (xml: string, root = 'Client') => (new XMLParser({ parseTagValue: false }).parse(xml) as Record<string, SandboxXmlNode>)[root]!;

describe.each<XpmSyncData>(['everything', 'client_name'])('updateClientBody, Sync data %s', (syncData) => {
  const patch = { name: 'Bluegum Bakery & Cafe Pty Ltd', email: 'orders@bluegumbakery.com.au', phone: null, website: 'https://bluegum.example' };
  const body = () => reparse(updateClientBody(record(), patch, syncData));

  test('is a valid ClientUpdateRequestDto body (XPM would accept it)', () => {
    expect(validateXpmRequest('ClientUpdateRequestDto', 'Client', body())).toBeNull();
  });

  test('request forms, never display values: GSTPeriod in months, WebSite, managers by UUID, Yes/No', () => {
    const b = body();
    expect(b.GSTPeriod).toBe('2');
    expect(b.Website).toBeUndefined();
    expect(b.WebSite).toBe(syncData === 'everything' ? 'https://bluegum.example' : 'https://bluegumbakery.com.au');
    expect(b.AccountManagerUUID).toBe('0b7c1d2e-3f40-4a51-8b62-7c83d94ea051');
    expect(b.JobManagerUUID).toBe('1c8d2e3f-4051-4b62-9c73-8d94ea05b162');
    expect(b.AccountManager).toBeUndefined();
    expect([b.GSTRegistered, b.PrepareGST, b.PrepareTaxReturn, b.IsProspect]).toEqual(['Yes', 'Yes', 'No', 'No']);
    expect(b.BalanceMonth).toBe('6');
    expect(b.GSTBasis).toBe('Invoice');
  });

  test('the masked tax number is left out (so XPM keeps it), as are fields update does not take', () => {
    const b = body();
    expect(b.TaxNumber).toBeUndefined();
    for (const name of ['Type', 'Groups', 'Notes', 'Relationships', 'Contacts', 'IsArchived', 'IsDeleted', 'WebUrl', 'BillingClient']) expect(b[name], name).toBeUndefined();
  });

  test('carries the unrelated fields whole', () => {
    const b = body();
    expect(b.UUID).toBe('7b1e2c3d-4f50-4a61-8b72-9c83d4e5f601');
    expect(b.Address).toBe('Shop 4\n18 Hay Street');
    expect([b.PostalAddress, b.PostalPostCode, b.ExportCode, b.ClientCode, b.CompanyNumber, b.SignedTaxAuthority]).toEqual([
      'PO Box 212',
      '6904',
      'BLUE01',
      'BLUE0042',
      '612 345 678',
      'Yes',
    ]);
  });

  test(syncData === 'everything' ? 'applies every mapped field of the patch' : 'applies the name only', () => {
    const b = body();
    expect(b.Name).toBe('Bluegum Bakery & Cafe Pty Ltd');
    if (syncData === 'everything') {
      expect(b.Email).toBe('orders@bluegumbakery.com.au');
      expect(b.Phone).toBe('');
    } else {
      expect(b.Email).toBe('hello@bluegumbakery.com.au');
      expect(b.Phone).toBe('08 9381 0000');
    }
  });
});

describe('updateClientBody edge cases', () => {
  test('a new tax number is sent; a masked one in the patch never is (and never clears it)', () => {
    expect(reparse(updateClientBody(record(), { taxNumber: '53 612 345 678' }, 'everything')).TaxNumber).toBe('53 612 345 678');
    expect(reparse(updateClientBody(record(), { taxNumber: '*****6789' }, 'everything')).TaxNumber).toBeUndefined();
    expect(reparse(updateClientBody(record(), { taxNumber: '*****6789' }, 'client_name')).TaxNumber).toBeUndefined();
  });

  test('a display value with no request form stops the update before anything is sent', () => {
    const odd = { ...record(), GSTPeriod: 'Fortnightly' };
    expect(() => updateClientBody(odd, { name: 'X' }, 'everything')).toThrow(/GSTPeriod as "Fortnightly"/);
  });

  test('GST periods: Monthly → 1, Six Monthly → 6', () => {
    expect(reparse(updateClientBody({ ...record(), GSTPeriod: 'Monthly' }, {}, 'everything')).GSTPeriod).toBe('1');
    expect(reparse(updateClientBody({ ...record(), GSTPeriod: 'Six Monthly' }, {}, 'everything')).GSTPeriod).toBe('6');
  });
});

describe('updateContactBody and addJobXml', () => {
  const contact = () => {
    const contacts = (record().Contacts as XmlObject).Contact as XmlObject[];
    return contacts[0]!;
  };

  test('a contact PUT carries Addressee, Position and IsPrimary and is a valid ContactRequestDto', () => {
    const b = reparse(updateContactBody(contact(), { mobile: '0400 999 999' }), 'Contact');
    expect(b).toMatchObject({ Name: 'Mia Chen', Addressee: 'Ms M Chen', Position: 'Director', IsPrimary: 'Yes', Mobile: '0400 999 999' });
    expect(validateXpmRequest('ContactRequestDto', 'Contact', b)).toBeNull();
  });

  test('a job body: XPM element names, YYYYMMDD dates, a valid JobAddRequestDto', () => {
    const b = reparse(addJobXml({ clientUuid: 'c', name: 'Annual accounts', description: 'FY26', startDate: '2026-07-01', dueDate: new Date('2026-10-31T00:00:00Z') }), 'Job');
    expect(b).toMatchObject({ ClientUUID: 'c', StartDate: '20260701', DueDate: '20261031' });
    expect(validateXpmRequest('JobAddRequestDto', 'Job', b)).toBeNull();
  });
});
