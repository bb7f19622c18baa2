import { describe, expect, it } from 'vitest';
import type { CanonicalContact } from '../canonical-client';
import { type ClientColumns, clientFromCanonical } from '../mapping/client-from-canonical';
import { SYNC_DATA_VALUES, SYNC_DIRECTIONS } from '../rules/types';
import { canonicalRecord } from '../testing/canonical-record';
import { isEmptyPlan, type LocalClient, planRecord } from './field-changes';

const EMPTY_COLUMNS = clientFromCanonical(canonicalRecord('gusto', 'none', { name: '' })).client;
const local = (client: Partial<ClientColumns>, contacts: LocalClient['contacts'] = []): LocalClient => ({ client: { ...EMPTY_COLUMNS, ...client }, contacts });
const contact = (name: string, extra: Partial<CanonicalContact> = {}): CanonicalContact => ({
  externalId: null,
  name,
  email: null,
  phone: null,
  mobile: null,
  salutation: null,
  position: null,
  isPrimary: false,
  ...extra,
});

// The app's record and the client here differ in name, email, phone and contacts; the app has no website.
const RECORD = canonicalRecord('gusto', 'g-1', {
  name: 'Kauri Landscaping LLC',
  email: 'payroll@kauri.example',
  phone: '555 0100',
  contacts: [contact('Ana Kauri', { isPrimary: true, email: 'ana@kauri.example' })],
});
const HERE = local({ name: 'Kauri Landscaping', email: 'old@kauri.example', website: 'kauri.example', phone: '555 0100' }, [
  { name: 'Old Contact', email: null, phone: null, mobile: null, salutation: null, position: null, isPrimary: true, sortOrder: 0 },
]);

describe('planRecord: each Sync data × direction', () => {
  it.each(SYNC_DIRECTIONS)('nothing (%s) plans no change at all', (direction) => {
    const plan = planRecord(HERE, RECORD, { syncData: 'nothing', direction });
    expect(plan).toEqual({ direction, fields: [], contacts: null });
    expect(isEmptyPlan(plan)).toBe(true);
  });

  it('client name, from the app: the name only', () => {
    const plan = planRecord(HERE, RECORD, { syncData: 'client_name', direction: 'from_app' });
    expect(plan.fields).toEqual([{ field: 'name', before: 'Kauri Landscaping', after: 'Kauri Landscaping LLC' }]);
    expect(plan.contacts).toBeNull();
  });

  it('client name, to the app: the name only, the other way', () => {
    const plan = planRecord(HERE, RECORD, { syncData: 'client_name', direction: 'to_app' });
    expect(plan.fields).toEqual([{ field: 'name', before: 'Kauri Landscaping LLC', after: 'Kauri Landscaping' }]);
    expect(plan.contacts).toBeNull();
  });

  it('everything, from the app: every differing field the app has, and its contacts; an equal field is no change', () => {
    const plan = planRecord(HERE, RECORD, { syncData: 'everything', direction: 'from_app' });
    expect(plan.fields).toEqual([
      { field: 'name', before: 'Kauri Landscaping', after: 'Kauri Landscaping LLC' },
      { field: 'email', before: 'old@kauri.example', after: 'payroll@kauri.example' },
    ]);
    expect(plan.contacts?.before.map((c) => c.name)).toEqual(['Old Contact']);
    expect(plan.contacts?.after.map((c) => c.name)).toEqual(['Ana Kauri']);
  });

  it('everything, to the app: every differing field we have, and our contacts', () => {
    const plan = planRecord(HERE, RECORD, { syncData: 'everything', direction: 'to_app' });
    expect(plan.fields).toEqual([
      { field: 'name', before: 'Kauri Landscaping LLC', after: 'Kauri Landscaping' },
      { field: 'email', before: 'payroll@kauri.example', after: 'old@kauri.example' },
      { field: 'website', before: null, after: 'kauri.example' },
    ]);
    expect(plan.contacts?.after.map((c) => c.name)).toEqual(['Old Contact']);
  });

  it('covers every combination (no combination left unplanned)', () => {
    for (const syncData of SYNC_DATA_VALUES) {
      for (const direction of SYNC_DIRECTIONS) {
        const plan = planRecord(HERE, RECORD, { syncData, direction });
        expect(plan.direction).toBe(direction);
        expect(isEmptyPlan(plan)).toBe(syncData === 'nothing');
      }
    }
  });
});

describe('planRecord: nothing is lost', () => {
  it('an app with no value never clears ours (Gusto has no website)', () => {
    const plan = planRecord(local({ name: 'A', website: 'a.example', phone: '1' }), canonicalRecord('gusto', 'g', { name: 'A' }), {
      syncData: 'everything',
      direction: 'from_app',
    });
    expect(plan.fields).toEqual([]);
  });

  it('blank and absent are the same: no change between them', () => {
    const plan = planRecord(local({ name: 'A', phone: '  ' }), canonicalRecord('gusto', 'g', { name: 'A', phone: null }), { syncData: 'everything', direction: 'to_app' });
    expect(plan.fields).toEqual([]);
  });

  it('an app with no contacts leaves ours alone; the same contacts are no change', () => {
    const withContacts = local({ name: 'A' }, [{ name: 'Bo', email: null, phone: null, mobile: null, salutation: null, position: null, isPrimary: false, sortOrder: 0 }]);
    expect(planRecord(withContacts, canonicalRecord('xpm', 'x', { name: 'A' }), { syncData: 'everything', direction: 'from_app' }).contacts).toBeNull();
    expect(planRecord(withContacts, canonicalRecord('xpm', 'x', { name: 'A', contacts: [contact('Bo')] }), { syncData: 'everything', direction: 'from_app' }).contacts).toBeNull();
    expect(
      planRecord(withContacts, canonicalRecord('xpm', 'x', { name: 'A', contacts: [contact('Bo', { isPrimary: true })] }), { syncData: 'everything', direction: 'from_app' })
        .contacts,
    ).not.toBeNull();
  });

  it('an email differing only in case is no change (both sides are compared as stored)', () => {
    const plan = planRecord(local({ name: 'A', email: 'me@a.example' }), canonicalRecord('xpm', 'x', { name: 'A', email: 'ME@A.example' }), {
      syncData: 'everything',
      direction: 'from_app',
    });
    expect(plan.fields).toEqual([]);
  });
});

describe('planRecord: masked tax numbers (XPM)', () => {
  const masked = canonicalRecord('xpm', 'x', { name: 'A', taxNumber: '*****6789', taxNumberMasked: true });

  it.each([
    ['from the app, never copied in', 'from_app', '111 222 333', []],
    ['from the app, even when we have none', 'from_app', null, []],
    ['to the app, same ending: nothing to send', 'to_app', '123 456 789', []],
    ['to the app, a different ending: ours is sent', 'to_app', '111 222 333', [{ field: 'taxNumber', before: '*****6789', after: '111 222 333' }]],
    ['to the app, none here: nothing to send', 'to_app', null, []],
  ] as const)('%s', (_name, direction, ours, expected) => {
    expect(planRecord(local({ name: 'A', taxNumber: ours }), masked, { syncData: 'everything', direction }).fields).toEqual(expected);
  });

  it('a whole tax number from the app is copied in like any field', () => {
    const whole = canonicalRecord('gusto', 'g', { name: 'A', taxNumber: '12-3456789' });
    expect(planRecord(local({ name: 'A', taxNumber: null }), whole, { syncData: 'everything', direction: 'from_app' }).fields).toEqual([
      { field: 'taxNumber', before: null, after: '12-3456789' },
    ]);
  });
});

describe('planRecord: the same value in another spelling is no change', () => {
  it.each(SYNC_DIRECTIONS)('%s: phone, country and entity type spelled differently plan nothing; a real change still does', (direction) => {
    const record = canonicalRecord('gusto', 'g-2', {
      name: 'Kauri Landscaping',
      phone: '7185559524',
      businessStructure: 'C-Corporation',
      streetAddress: { lines: ['1 Main St'], city: 'Albany', region: 'NY', postcode: '12207', country: 'USA' },
    });
    const here = local({
      name: 'Kauri Landscaping',
      phone: '(718) 555-9524',
      businessStructure: 'C Corporation',
      streetLine1: '1 Main St',
      streetCity: 'Albany',
      streetRegion: 'NY',
      streetPostcode: '12207',
      streetCountry: 'United States',
    });
    expect(planRecord(here, record, { syncData: 'everything', direction }).fields).toEqual([]);
    const changed = planRecord({ ...here, client: { ...here.client, phone: '(718) 555-0000' } }, record, { syncData: 'everything', direction });
    expect(changed.fields.map((f) => f.field)).toEqual(['phone']);
  });
});
