import { describe, expect, test } from 'vitest';
import { compareIdentity, linkNeedsConfirmation, type IdentityFacts, type IdentityField } from './identity-differences';

const NONE: IdentityFacts = { taxNumber: null, businessNumber: null, email: null, city: null, phone: null };
const facts = (over: Partial<IdentityFacts>): IdentityFacts => ({ ...NONE, ...over });

/**
 * Each field, two values that are one value written two ways, and two that differ. Every field is
 * run through each of: both missing, one missing (either side), equal, equal once normalised, differs.
 */
const FIELDS: { field: IdentityField; same: [string, string]; samish: [string, string]; other: [string, string]; shown: [string, string] }[] = [
  { field: 'taxNumber', same: ['123456789', '123456789'], samish: ['123 456 789', '123-456-789'], other: ['123 456 789', '987 654 321'], shown: ['ending 789', 'ending 321'] },
  // XPM's masked number agrees with a whole one that ends with its visible digits.
  { field: 'taxNumber', same: ['*****6789', '12 345 6789'], samish: ['*****6789', '123456789'], other: ['*****6789', '12 345 4321'], shown: ['ending 789', 'ending 321'] },
  {
    field: 'businessNumber',
    same: ['51 824 753 556', '51824753556'],
    samish: ['51 824 753 556', ' 51-824-753-556 '],
    other: ['51 824 753 556', '12 345 678 901'],
    shown: ['51 824 753 556', '12 345 678 901'],
  },
  {
    field: 'email',
    same: ['jo@hamilton.example', 'jo@hamilton.example'],
    samish: ['Jo@Hamilton.example ', 'jo@hamilton.EXAMPLE'],
    other: ['jo@hamilton.example', 'office@hamilton.example'],
    shown: ['jo@hamilton.example', 'office@hamilton.example'],
  },
  { field: 'city', same: ['Hamilton', 'Hamilton'], samish: ['  hamilton ', 'HAMILTON'], other: ['Hamilton', 'Perth'], shown: ['Hamilton', 'Perth'] },
  { field: 'city', same: ['Tauranga', 'Tauranga'], samish: ['Whangārei', 'whangarei'], other: ['Whangārei', 'Auckland'], shown: ['Whangārei', 'Auckland'] },
  {
    field: 'phone',
    same: ['07 838 1234', '07 838 1234'],
    samish: ['+64 7 838 1234', '(07) 838-1234'],
    other: ['+64 7 838 1234', '+61 8 9000 1234'],
    shown: ['+64 7 838 1234', '+61 8 9000 1234'],
  },
];

const NUMBER_CONFLICT = { taxNumber: 'tax_number', businessNumber: 'business_number' } as const;

describe.each(FIELDS)('$field ($other.0 against $other.1)', ({ field, same, samish, other, shown }) => {
  const conflictWhenDiffers = field === 'taxNumber' || field === 'businessNumber' ? NUMBER_CONFLICT[field] : null;

  test.each([
    ['both missing', null, null],
    ['missing in the app', null, other[1]],
    ['missing here', other[0], null],
    ['blank in the app', '   ', other[1]],
    ['equal', same[0], same[1]],
    ['equal once normalised', samish[0], samish[1]],
  ])('%s: no difference, no conflict', (_, inApp, here) => {
    const comparison = compareIdentity(facts({ [field]: inApp }), facts({ [field]: here }));
    expect(comparison).toEqual({ differences: [], conflict: null });
    expect(linkNeedsConfirmation(comparison)).toBe(false);
  });

  test('differs: said with both values as shown, and a conflict only for a number', () => {
    const comparison = compareIdentity(facts({ [field]: other[0] }), facts({ [field]: other[1] }));
    expect(comparison).toEqual({ differences: [{ field, inApp: shown[0], here: shown[1] }], conflict: conflictWhenDiffers });
    expect(linkNeedsConfirmation(comparison)).toBe(conflictWhenDiffers !== null);
  });
});

describe('a whole record', () => {
  test('the trial: Hamilton NZ against Perth, different tax numbers: every difference, the numbers first, and a conflict', () => {
    const xpm = facts({ taxNumber: '*****4512', email: 'office@hamiltonplumbing.example', city: 'Hamilton', phone: '+64 7 838 1234' });
    const here = facts({ taxNumber: '98 765 4321', email: 'office@hamiltonplumbing.example', city: 'Perth', phone: '(08) 9000 1234' });
    expect(compareIdentity(xpm, here)).toEqual({
      differences: [
        { field: 'taxNumber', inApp: 'ending 512', here: 'ending 321' },
        { field: 'city', inApp: 'Hamilton', here: 'Perth' },
        { field: 'phone', inApp: '+64 7 838 1234', here: '(08) 9000 1234' },
      ],
      conflict: 'tax_number',
    });
  });

  test('a tax number never spelt out: two that differ only in the fourth-last digit show four', () => {
    expect(compareIdentity(facts({ taxNumber: '111 222 3789' }), facts({ taxNumber: '111 222 4789' })).differences).toEqual([
      { field: 'taxNumber', inApp: 'ending 3789', here: 'ending 4789' },
    ]);
  });

  test('identifiers that agree, other details that differ: no conflict (one click)', () => {
    const comparison = compareIdentity(facts({ taxNumber: '123456789', city: 'Hamilton' }), facts({ taxNumber: '123 456 789', city: 'Cambridge' }));
    expect(comparison.conflict).toBeNull();
    expect(comparison.differences.map((d) => d.field)).toEqual(['city']);
  });

  test('a tax number is never compared with a business number', () => {
    expect(compareIdentity(facts({ taxNumber: '123456789' }), facts({ businessNumber: '51 824 753 556' }))).toEqual({ differences: [], conflict: null });
  });

  test('an Australian company number inside its business number is the same business', () => {
    expect(compareIdentity(facts({ businessNumber: '824 753 556' }), facts({ businessNumber: '51 824 753 556' }))).toEqual({ differences: [], conflict: null });
  });

  test('a masked number showing too few digits is no evidence', () => {
    expect(compareIdentity(facts({ taxNumber: '*******12' }), facts({ taxNumber: '98 765 4321' }))).toEqual({ differences: [], conflict: null });
  });

  test('both numbers differ: the tax number is the conflict named, both are shown', () => {
    const comparison = compareIdentity(facts({ taxNumber: '111111111', businessNumber: '11 111 111 111' }), facts({ taxNumber: '222222222', businessNumber: '22 222 222 222' }));
    expect(comparison.conflict).toBe('tax_number');
    expect(comparison.differences.map((d) => d.field)).toEqual(['taxNumber', 'businessNumber']);
  });
});
