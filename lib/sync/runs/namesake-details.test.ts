import { describe, expect, test } from 'vitest';
import { type NamesakeFacts, namesakeDetails, differingNumberDetail } from './namesake-details';

const facts = (over: Partial<NamesakeFacts> = {}): NamesakeFacts => ({ email: null, city: null, phone: null, added: 'added 1 Dec 2026, 9:00 am AEDT', ...over });

describe('namesakeDetails', () => {
  test('one namesake shows its first value: email, else city, else phone, else when it was added', () => {
    expect(namesakeDetails([facts({ email: 'a@x.example', city: 'Sydney' })])).toEqual(['a@x.example']);
    expect(namesakeDetails([facts({ city: 'Sydney', phone: '02 1234 5678' })])).toEqual(['Sydney']);
    expect(namesakeDetails([facts({ phone: '02 1234 5678' })])).toEqual(['02 1234 5678']);
    expect(namesakeDetails([facts()])).toEqual(['added 1 Dec 2026, 9:00 am AEDT']);
  });

  test('several show the first field that tells every one apart', () => {
    // Same city: the emails differ.
    expect(namesakeDetails([facts({ email: 'a@x.example', city: 'Sydney' }), facts({ email: 'b@x.example', city: 'Sydney' })])).toEqual(['a@x.example', 'b@x.example']);
    // Same email (case aside), different cities.
    expect(namesakeDetails([facts({ email: 'Office@x.example', city: 'Sydney' }), facts({ email: 'office@x.example', city: 'Perth' })])).toEqual(['Sydney', 'Perth']);
    // One has no email: the email cannot tell them apart, the city can.
    expect(namesakeDetails([facts({ email: 'a@x.example', city: 'Sydney' }), facts({ city: 'Perth' })])).toEqual(['Sydney', 'Perth']);
    // Nothing but when they were added.
    expect(namesakeDetails([facts({ phone: '1' }), facts({ added: 'added 2 Dec 2026, 9:00 am AEDT' })])).toEqual([
      'added 1 Dec 2026, 9:00 am AEDT',
      'added 2 Dec 2026, 9:00 am AEDT',
    ]);
  });

  test('blank values count as missing, and are trimmed', () => {
    expect(namesakeDetails([facts({ email: '  ', city: ' Sydney ' })])).toEqual(['Sydney']);
    expect(namesakeDetails([facts({ email: '', city: 'Sydney' }), facts({ email: 'b@x.example', city: 'Perth' })])).toEqual(['Sydney', 'Perth']);
  });

  test('when no field tells them all apart, each shows its own first value', () => {
    const sameMinute = [facts({ city: 'Sydney' }), facts({ city: 'Sydney', phone: '02 1234 5678' }), facts()];
    expect(namesakeDetails(sameMinute)).toEqual(['Sydney', 'Sydney', 'added 1 Dec 2026, 9:00 am AEDT']);
  });

  test('no namesakes, no details', () => {
    expect(namesakeDetails([])).toEqual([]);
  });
});

describe('differingNumberDetail: beside a record skipped for another number, the client’s own', () => {
  const numbers = { taxNumber: '123 456 789', businessNumber: ' 12-3456789 ' };
  test.each([
    ['business_number_differs', numbers, 'business number 12-3456789'],
    ['tax_number_differs', numbers, 'tax number ending 789'],
    // XPM's masked form, when that is all the client has
    ['tax_number_differs', { taxNumber: '*****6789', businessNumber: null }, 'tax number ending 789'],
    ['tax_number_differs', { taxNumber: null, businessNumber: null }, null],
    ['business_number_differs', { taxNumber: '1', businessNumber: '  ' }, null],
    ['several_clients', numbers, null],
  ])('%s %j → %s', (reason, given, detail) => {
    expect(differingNumberDetail(reason, given)).toBe(detail);
  });
});
