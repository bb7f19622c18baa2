import { describe, expect, test } from 'vitest';
import { guardFacts, guardWarning, massChangeVerdict } from './mass-change-guard';

const overwrite = { fields: [{ field: 'email' as const, before: 'old@example.com', after: 'new@example.com' }] };
const fill = { fields: [{ field: 'phone' as const, before: null, after: '0400 000 000' }] };
const blank = { fields: [{ field: 'website' as const, before: 'https://a.example', after: null }] };
const times = <T>(n: number, value: T) => Array.from({ length: n }, () => value);

describe('the mass-change guard', () => {
  test.each([
    [100, 19, 'apply'],
    [100, 20, 'apply'], // exactly 20% is not "more than 20%"
    [100, 21, 'review'],
    [40, 9, 'apply'], // 22.5%, but fewer than 10 clients
    [40, 10, 'review'], // 25% and 10 clients
    [50, 10, 'apply'], // 10 clients but exactly 20%
    [10, 10, 'review'],
    [0, 0, 'apply'],
  ] as const)('%i linked, %i overwritten → %s', (linked, overwritten, expected) => {
    const facts = guardFacts(linked, times(overwritten, overwrite));
    expect(facts.overwrittenClients).toBe(overwritten);
    expect(massChangeVerdict(facts).kind).toBe(expected);
  });

  test('filling empty fields is not overwriting, however many clients it touches', () => {
    const facts = guardFacts(20, times(20, fill));
    expect(facts).toEqual({ linkedClients: 20, overwrittenClients: 0, blankedFields: 0 });
    expect(massChangeVerdict(facts).kind).toBe('apply');
  });

  test('emptying one field that has a value is enough to stop, on any number of clients', () => {
    const verdict = massChangeVerdict(guardFacts(1000, [blank]));
    expect(verdict).toEqual({ kind: 'review', reasons: ['blanks_values'], facts: { linkedClients: 1000, overwrittenClients: 1, blankedFields: 1 } });
    expect(guardWarning(verdict)).toBe('This sync needs a second look: it would empty 1 field that has a value.');
    // A whitespace-only value is no value: replacing it with nothing blanks nothing.
    expect(massChangeVerdict(guardFacts(10, [{ fields: [{ field: 'website', before: '  ', after: null }] }])).kind).toBe('apply');
  });

  test('both reasons, said in words with the share', () => {
    const verdict = massChangeVerdict(guardFacts(40, [...times(11, overwrite), blank, blank]));
    expect(verdict.kind).toBe('review');
    expect(guardWarning(verdict)).toBe('This sync needs a second look: it would overwrite values of 13 of 40 linked clients (33%), and it would empty 2 fields that have a value.');
    expect(guardWarning(massChangeVerdict(guardFacts(40, times(3, overwrite))))).toBeNull();
  });

  test('a push says the values are the app’s: To XPM, XPM’s values would be overwritten or emptied', () => {
    const verdict = massChangeVerdict(guardFacts(10, [...times(9, overwrite), blank]));
    expect(guardWarning(verdict, { sentTo: 'XPM' })).toBe(
      'This sync needs a second look: it would overwrite values of 10 of 10 linked clients in XPM (100%), and it would empty 1 field that has a value in XPM.',
    );
    expect(guardWarning(massChangeVerdict(guardFacts(10, times(3, overwrite))), { sentTo: 'XPM' })).toBeNull();
  });
});
