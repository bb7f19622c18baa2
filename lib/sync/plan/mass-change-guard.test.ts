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
    expect(facts).toEqual({ linkedClients: 20, newlyLinkedClients: 0, overwrittenClients: 0, overwrittenNewlyLinked: 0, blankedFields: 0 });
    expect(massChangeVerdict(facts).kind).toBe('apply');
  });

  test('emptying one field that has a value is enough to stop, on any number of clients', () => {
    const verdict = massChangeVerdict(guardFacts(1000, [blank]));
    expect(verdict).toEqual({
      kind: 'review',
      reasons: ['blanks_values'],
      facts: { linkedClients: 1000, newlyLinkedClients: 0, overwrittenClients: 1, overwrittenNewlyLinked: 0, blankedFields: 1 },
    });
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

  describe('clients the run would link by name count among the clients it syncs', () => {
    const linkOverwriting = { ...overwrite, newLink: true };
    const linkFilling = { ...fill, newLink: true };

    test.each([
      // linked now, linked by name and overwritten, linked by name and only filled, linked and overwritten → verdict
      [0, 57, 0, 0, 'review'], // a first run that links 57 by name and overwrites them all
      [0, 9, 0, 0, 'apply'], // fewer than 10 clients
      [100, 0, 50, 25, 'review'], // 25 of 100 linked (25%): links made on the way never dilute the linked clients' share
      [100, 10, 0, 15, 'review'], // 15 of 100 linked, but 25 of the 110 it syncs (23%)
      [100, 6, 34, 15, 'apply'], // 15 of 100 linked (15%), 21 of the 140 it syncs (15%)
      [0, 0, 40, 0, 'apply'], // linking by name and only filling empty fields overwrites nothing
    ] as const)('%i linked; %i linked by name overwritten, %i filled; %i linked overwritten → %s', (linked, linkOverwritten, linkFilled, overwritten, expected) => {
      const facts = guardFacts(linked, [...times(linkOverwritten, linkOverwriting), ...times(linkFilled, linkFilling), ...times(overwritten, overwrite)]);
      expect(facts.newlyLinkedClients).toBe(linkOverwritten + linkFilled);
      expect(facts.overwrittenClients).toBe(linkOverwritten + overwritten);
      expect(facts.overwrittenNewlyLinked).toBe(linkOverwritten);
      expect(massChangeVerdict(facts).kind).toBe(expected);
    });

    test('none linked yet: the share is of the clients it would link, never "of 0 linked clients"', () => {
      expect(guardWarning(massChangeVerdict(guardFacts(0, times(57, linkOverwriting))))).toBe(
        'This sync needs a second look: it would overwrite values of 57 of the 57 clients it would link by name (100%).',
      );
    });

    test('too many of the linked clients: said of those, with the ones it would link by name after', () => {
      expect(guardWarning(massChangeVerdict(guardFacts(100, [...times(25, overwrite), ...times(6, linkOverwriting), ...times(34, linkFilling)])))).toBe(
        'This sync needs a second look: it would overwrite values of 25 of 100 linked clients (25%), and 6 of the 40 clients it would link by name.',
      );
    });

    test('some linked: both are named, and the share is never over 100%', () => {
      // The helper's case: 1 linked client, 57 linked by name, all 58 overwritten (it read "58 of 1 linked clients (5800%)").
      expect(guardWarning(massChangeVerdict(guardFacts(1, [overwrite, ...times(57, linkOverwriting)])))).toBe(
        'This sync needs a second look: it would overwrite values of 58 of 58 clients (100%): 1 linked and 57 it would link by name.',
      );
      expect(guardWarning(massChangeVerdict(guardFacts(100, [...times(10, linkOverwriting), ...times(15, overwrite), blank])))).toBe(
        'This sync needs a second look: it would overwrite values of 26 of 110 clients (24%): 100 linked and 10 it would link by name, and it would empty 1 field that has a value.',
      );
    });
  });

  test('a push says the values are the app’s: To XPM, XPM’s values would be overwritten or emptied', () => {
    const verdict = massChangeVerdict(guardFacts(10, [...times(9, overwrite), blank]));
    expect(guardWarning(verdict, { sentTo: 'XPM' })).toBe(
      'This sync needs a second look: it would overwrite values of 10 of 10 linked clients in XPM (100%), and it would empty 1 field that has a value in XPM.',
    );
    expect(guardWarning(massChangeVerdict(guardFacts(10, times(3, overwrite))), { sentTo: 'XPM' })).toBeNull();
  });
});
