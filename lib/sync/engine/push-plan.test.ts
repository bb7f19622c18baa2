import { describe, expect, it } from 'vitest';
import { clientFromCanonical, type ContactColumns } from '../mapping/client-from-canonical';
import { planRecord, type LocalClient } from '../plan/field-changes';
import type { SyncData } from '../rules/types';
import { canonicalRecord } from '../testing/canonical-record';
import { isEmptyPush, xpmPushFromPlan } from './push-plan';

/** What a To-XPM run sends for one record, from the to_app plan against XPM's record. */
const xpm = canonicalRecord('xpm', 'uuid-1', {
  name: 'Bluegum Bakery',
  email: 'hello@bluegum.example',
  phone: '02 9000 0000',
  streetAddress: { lines: ['Unit 4', '12 Baker St', 'Rear entrance'], city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
  taxNumber: '*****6789',
  taxNumberMasked: true,
  contacts: [
    { externalId: 'c-1', name: 'Ann Baker', email: 'Ann@Bluegum.example', phone: null, mobile: '0400 000 000', salutation: 'Ann', position: 'Owner', isPrimary: true },
    { externalId: 'c-2', name: 'Bob Crust', email: null, phone: null, mobile: null, salutation: null, position: 'Baker', isPrimary: false },
  ],
});

function localFrom(change: (local: LocalClient) => void): LocalClient {
  const { client, contacts } = clientFromCanonical(xpm);
  const local = { client: { ...client }, contacts: contacts.map((c) => ({ ...c })) };
  change(local);
  return local;
}

function pushFor(local: LocalClient, syncData: SyncData = 'everything') {
  return xpmPushFromPlan(xpm, planRecord(local, xpm, { syncData, direction: 'to_app' }), local.contacts);
}

describe('xpmPushFromPlan', () => {
  it('nothing changed here: nothing is sent', () => {
    const push = pushFor(localFrom(() => undefined));
    expect(isEmptyPush(push)).toBe(true);
    expect(push.patch).toEqual({});
  });

  it('sends changed fields with XPM’s value as before; legal and trading names have no place in XPM and are not sent', () => {
    const push = pushFor(
      localFrom((l) => {
        l.client.email = 'orders@bluegum.example';
        l.client.legalName = 'Bluegum Bakery Pty Ltd';
        l.client.tradingName = 'Bluegum';
      }),
    );
    expect(push.patch).toEqual({ email: 'orders@bluegum.example' });
    expect(push.fields).toEqual([{ field: 'email', before: 'hello@bluegum.example', after: 'orders@bluegum.example' }]);
  });

  it('an address goes whole: a changed city keeps XPM’s three lines and its other parts', () => {
    const push = pushFor(localFrom((l) => (l.client.streetCity = 'Newtown')));
    expect(push.patch).toEqual({ streetAddress: { lines: ['Unit 4', '12 Baker St', 'Rear entrance'], city: 'Newtown', region: 'NSW', postcode: '2000', country: 'Australia' } });
  });

  it('a changed line sends our two lines; a part we have no value for keeps XPM’s', () => {
    const push = pushFor(
      localFrom((l) => {
        l.client.streetLine1 = '99 New Rd';
        l.client.streetLine2 = null;
        l.client.streetRegion = null;
      }),
    );
    expect(push.patch.streetAddress).toEqual({ lines: ['99 New Rd', '12 Baker St, Rear entrance'], city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' });
  });

  it('a tax number is sent only when it cannot be the masked one XPM holds', () => {
    expect(pushFor(localFrom((l) => (l.client.taxNumber = '123 456 789'))).patch).toEqual({});
    const push = pushFor(localFrom((l) => (l.client.taxNumber = '123 456 111')));
    expect(push.patch).toEqual({ taxNumber: '123 456 111' });
    expect(push.fields).toEqual([{ field: 'taxNumber', before: '*****6789', after: '123 456 111' }]);
  });

  it('Client name: the name only, contacts untouched', () => {
    const push = pushFor(
      localFrom((l) => {
        l.client.name = 'Bluegum Bakehouse';
        l.client.email = 'orders@bluegum.example';
        l.contacts[0]!.position = 'Director';
      }),
      'client_name',
    );
    expect(push.patch).toEqual({ name: 'Bluegum Bakehouse' });
    expect(push.contactCalls).toEqual([]);
    expect(push.contacts).toBeNull();
  });

  it('contacts: matched by name and updated with only what differs (email case is no change), new ones added, XPM’s others kept', () => {
    const push = pushFor(
      localFrom((l) => {
        l.contacts[0]!.position = 'Director';
        l.contacts[0]!.mobile = null; // no value never clears XPM's
        l.contacts.splice(1, 1); // Bob is not deleted from XPM
        const carol: ContactColumns = {
          name: 'Carol Dough',
          email: 'carol@bluegum.example',
          phone: null,
          mobile: null,
          salutation: null,
          position: null,
          isPrimary: false,
          sortOrder: 1,
        };
        l.contacts.push(carol);
      }),
    );
    expect(push.patch).toEqual({});
    expect(push.contactCalls).toEqual([
      { kind: 'update', contactUuid: 'c-1', name: 'Ann Baker', patch: { position: 'Director' } },
      { kind: 'add', contact: { name: 'Carol Dough', email: 'carol@bluegum.example', phone: null, mobile: null, salutation: null, position: null, isPrimary: false } },
    ]);
    expect(push.contacts?.after.map((c) => c.name)).toEqual(['Ann Baker', 'Carol Dough']);
  });
});
