import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { addClientXml, archiveClientXml, updateClientBody } from './client-xml';
import { escapeXml, parseXml, type XmlObject } from './xml';

const currentClient = () => {
  const xml = readFileSync(new URL('./__fixtures__/get-client.xml', import.meta.url), 'utf8');
  return (parseXml(xml).Response as XmlObject).Client as XmlObject;
};
const reparse = (xml: string) => parseXml(xml).Client as XmlObject;

describe('XPM request bodies', () => {
  test('escapes every value and strips characters XML forbids', () => {
    expect(escapeXml(`A & B <C> "D" 'E'\u0001`)).toBe('A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;');
    const body = addClientXml({ name: 'Smith & Sons <Pty> Ltd', email: 'a@b.c' });
    expect(body).toContain('<Name>Smith &amp; Sons &lt;Pty&gt; Ltd</Name>');
    expect(reparse(body).Name).toBe('Smith & Sons <Pty> Ltd');
  });

  test('add uses WebSite, Yes/No, multi-line address and contacts', () => {
    const body = addClientXml({
      name: 'New Co',
      website: 'https://new.example',
      isProspect: false,
      streetAddress: { lines: ['Unit 1', '2 High St'], city: 'Perth', region: 'WA', postcode: '6000', country: 'Australia' },
      contacts: [{ name: 'Kim', email: 'kim@new.example', isPrimary: true }],
    });
    const parsed = reparse(body);
    expect(parsed.WebSite).toBe('https://new.example');
    expect(parsed.Website).toBeUndefined();
    expect(parsed.IsProspect).toBe('No');
    expect(parsed.Address).toBe('Unit 1\n2 High St');
    expect(body).toContain('<Contacts><Contact><Name>Kim</Name>');
    expect(body).toContain('<IsPrimary>Yes</IsPrimary>');
  });

  test('update sends the whole record with the patch on top, and never a masked tax number', () => {
    const body = updateClientBody(currentClient(), { phone: '03 1111 2222', email: null }, 'everything');
    const parsed = reparse(body);
    expect(body.startsWith('<Client><UUID>2f0c6f2e-8d7c-4a57-9d0a-3c1f7f1b0a01</UUID>')).toBe(true);
    expect(parsed.Phone).toBe('03 1111 2222');
    expect(parsed.Email).toBe(''); // cleared on purpose
    expect(parsed.Name).toBe('Harbour & Pine Pty Ltd'); // carried
    expect(parsed.Fax).toBe('03 9000 9999'); // carried, though we do not model it
    expect(parsed.WebSite).toBe('https://harbourpine.com.au'); // renamed for the request
    expect(parsed.AccountManagerUUID).toBe('a1111111-1111-4111-8111-111111111111');
    expect(parsed.TaxNumber).toBeUndefined();
    expect(parsed.IsArchived).toBeUndefined(); // not writable through update
    expect(parsed.Contacts).toBeUndefined();
  });

  test('a new, unmasked tax number is sent; a masked one in the patch is ignored', () => {
    expect(reparse(updateClientBody(currentClient(), { taxNumber: '123-456-789' }, 'everything')).TaxNumber).toBe('123-456-789');
    expect(reparse(updateClientBody(currentClient(), { taxNumber: '***-***-789' }, 'everything')).TaxNumber).toBeUndefined();
  });

  test('clearing an address empties all its parts', () => {
    const parsed = reparse(updateClientBody(currentClient(), { streetAddress: null }, 'everything'));
    expect([parsed.Address, parsed.City, parsed.Region, parsed.PostCode, parsed.Country]).toEqual(['', '', '', '', '']);
  });

  test('archive names the client only', () => {
    expect(archiveClientXml('abc')).toBe('<Client><UUID>abc</UUID></Client>');
  });
});
