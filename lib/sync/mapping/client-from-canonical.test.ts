import { describe, expect, test } from 'vitest';
import { canonicalRecord } from '../testing/canonical-record';
import { clientFromCanonical } from './client-from-canonical';

describe('clientFromCanonical', () => {
  test('copies exactly the fields the app provided and lists them for provenance', () => {
    const result = clientFromCanonical(
      canonicalRecord('gusto', 'g-1', {
        name: 'Kauri Landscaping LLC',
        legalName: 'Kauri Landscaping Limited Liability Company',
        email: ' Payroll@Kauri.example ',
        streetAddress: { lines: ['1 Main St', 'Suite 4', 'Floor 2'], city: 'Austin', region: 'TX', postcode: '73301', country: 'US' },
        businessNumber: '12-3456789',
        businessStructure: 'LLC',
      }),
    );
    expect(result.client).toMatchObject({
      name: 'Kauri Landscaping LLC',
      email: 'payroll@kauri.example',
      streetLine1: '1 Main St',
      streetLine2: 'Suite 4, Floor 2',
      streetCity: 'Austin',
      postalLine1: null,
      phone: null,
      taxNumber: null,
      businessNumber: '12-3456789',
    });
    expect(result.providedFields.sort()).toEqual(
      ['businessNumber', 'businessStructure', 'email', 'legalName', 'name', 'streetCity', 'streetCountry', 'streetLine1', 'streetLine2', 'streetPostcode', 'streetRegion'].sort(),
    );
    expect(result.contacts).toEqual([]);
  });

  test('a masked tax number is kept apart, never as the tax number; a whole one is the tax number', () => {
    const masked = clientFromCanonical(canonicalRecord('xpm', 'x', { name: 'A', taxNumber: '*****6789', taxNumberMasked: true }));
    expect(masked.client.taxNumber).toBeNull();
    expect(masked.taxNumberMasked).toBe('*****6789');
    // The ending shown comes from the app, so the tax number field's provenance names it.
    expect(masked.providedFields).toContain('taxNumber');
    const whole = clientFromCanonical(canonicalRecord('xpm', 'x', { name: 'A', taxNumber: '123 456 789' }));
    expect(whole.client.taxNumber).toBe('123 456 789');
    expect(whole.taxNumberMasked).toBeNull();
    const none = clientFromCanonical(canonicalRecord('xpm', 'x', { name: 'A' }));
    expect(none.taxNumberMasked).toBeNull();
    expect(none.providedFields).not.toContain('taxNumber');
  });

  test('contacts keep their order, one primary at most, nameless ones dropped', () => {
    const contact = (name: string, isPrimary: boolean) => ({ externalId: null, name, email: null, phone: null, mobile: null, salutation: null, position: null, isPrimary });
    const { contacts, providedFields } = clientFromCanonical(
      canonicalRecord('xpm', 'x', { name: 'A', contacts: [contact('One', false), contact(' ', true), contact('Two', true), contact('Three', true)] }),
    );
    expect(contacts.map((c) => [c.name, c.isPrimary, c.sortOrder])).toEqual([
      ['One', false, 0],
      ['Two', true, 1],
      ['Three', false, 2],
    ]);
    expect(providedFields).toContain('contacts');
  });
});
