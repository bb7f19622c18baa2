import { describe, expect, test } from 'vitest';
import { clientColumns } from '@/test/client-columns';
import type { LocalClient } from '../plan/field-changes';
import { proposalJobMarker, xpmJobFor, xpmNewClientFrom } from './new-xpm-client';

function local(fields: Partial<LocalClient['client']>, contacts: LocalClient['contacts'] = []): LocalClient {
  return { client: clientColumns({ name: 'Bluegum Bakery', ...fields }), contacts };
}

const alex = { name: 'Alex Chen', email: 'alex@bluegum.example', phone: null, mobile: '0400 000 000', salutation: 'Alex', position: 'Owner', isPrimary: true, sortOrder: 0 };

describe('the XPM client a deployment creates', () => {
  test('Everything: every field XPM has a place for, addresses as blocks, and the contacts; never a prospect', () => {
    const body = xpmNewClientFrom(
      local(
        {
          email: 'hello@bluegum.example',
          website: 'https://bluegum.example',
          streetLine1: '1 Main St',
          streetLine2: 'Unit 2',
          streetCity: 'Hobart',
          streetCountry: 'Australia',
          taxNumber: '123 456 789',
          businessStructure: 'Company',
        },
        [alex],
      ),
      'everything',
    );
    expect(body).toMatchObject({
      name: 'Bluegum Bakery',
      email: 'hello@bluegum.example',
      website: 'https://bluegum.example',
      streetAddress: { lines: ['1 Main St', 'Unit 2'], city: 'Hobart', region: null, postcode: null, country: 'Australia' },
      postalAddress: null,
      taxNumber: '123 456 789',
      businessStructure: 'Company',
      isProspect: false,
    });
    expect(body.contacts).toEqual([
      { name: 'Alex Chen', email: 'alex@bluegum.example', phone: null, mobile: '0400 000 000', salutation: 'Alex', position: 'Owner', isPrimary: true },
    ]);
  });

  test('a masked tax number (kept from an XPM record) is never sent as if it were one', () => {
    expect(xpmNewClientFrom(local({ taxNumber: '•••••635' }), 'everything').taxNumber).toBeNull();
    expect(xpmNewClientFrom(local({ taxNumber: '*****635' }), 'everything').taxNumber).toBeNull();
  });

  test.each(['client_name', 'nothing'] as const)('%s: the name alone (XPM needs one to create the client)', (syncData) => {
    expect(xpmNewClientFrom(local({ email: 'hello@bluegum.example', streetCity: 'Hobart' }, [alex]), syncData)).toEqual({ name: 'Bluegum Bakery', isProspect: false });
  });

  test('the job: named after the proposal, from its acceptance day for a month, marked with the proposal so a retry finds it', () => {
    const job = xpmJobFor({ id: 'p-1', title: 'Annual accounts', acceptedAt: new Date('2026-12-02T10:00:00Z'), clientName: 'Bluegum Bakery' }, 'uuid-1');
    expect(job).toMatchObject({ name: 'Annual accounts', clientUuid: 'uuid-1', startDate: new Date('2026-12-02T10:00:00Z'), dueDate: new Date('2027-01-01T10:00:00Z') });
    expect(job.description).toContain(proposalJobMarker('p-1'));
    // One proposal's marker never matches inside another's.
    expect(xpmJobFor({ id: 'p-10', title: 'x', acceptedAt: new Date(), clientName: 'x' }, 'u').description.includes(proposalJobMarker('p-1'))).toBe(false);
  });
});
