import { describe, expect, test } from 'vitest';
import { findAutoLinkTarget, findDuplicateCandidates, isAutoLinkMatch, type DuplicateCheckable, type DuplicateReason } from './duplicates';

interface Client extends DuplicateCheckable {
  id: string;
}

const c = (id: string, name: string, extra: Partial<Client> = {}): Client => ({ id, name, ...extra });

describe('isAutoLinkMatch: only an exact normalised name links without a person', () => {
  test.each([
    ['Harbour Dental Pty Ltd', 'Harbour Dental Pty. Ltd.', true],
    ['Harbour Dental', 'HARBOUR DENTAL LIMITED', true],
    ['Smith & Sons Plumbing', 'Smith and Sons Plumbing Pty Ltd', true],
    ['The Coffee Club', 'Coffee Club', true],
    ['Café Olé', 'Cafe Ole', true],
    ['Harbour Dental', 'Harbour Dentistry', false],
    ['Harbour Dental', 'Harbour Dental Group', false],
    ['ABC Pty Ltd', 'XYZ Pty Ltd', false],
    ['', '', false],
    ['!!!', '???', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(isAutoLinkMatch(a, b)).toBe(expected);
    expect(isAutoLinkMatch({ name: b }, { name: a })).toBe(expected);
  });
});

describe('findAutoLinkTarget', () => {
  const existing = [c('1', 'Harbour Dental Pty Ltd'), c('2', 'Bayside Physio'), c('3', 'Bayside Physio Limited')];
  test('one exact match links', () => {
    expect(findAutoLinkTarget({ name: 'Harbour Dental' }, existing)).toEqual({ kind: 'unique', record: existing[0] });
  });
  test('no exact match: nothing links, even with a similar name', () => {
    expect(findAutoLinkTarget({ name: 'Harbour Dentistry' }, existing)).toEqual({ kind: 'none' });
  });
  test('two exact matches are ambiguous: a person chooses', () => {
    expect(findAutoLinkTarget({ name: 'Bayside Physio Pty Ltd' }, existing)).toEqual({
      kind: 'ambiguous',
      records: [existing[1], existing[2]],
    });
  });
});

describe('findDuplicateCandidates', () => {
  type Row = [
    description: string,
    candidate: DuplicateCheckable,
    existing: Client,
    reasons: DuplicateReason[] | null, // null: not a candidate at all
  ];
  const rows: Row[] = [
    // names
    ['exact after normalising', { name: 'Harbour Dental' }, c('1', 'Harbour Dental Pty Ltd'), ['exact_name']],
    ['punctuated legal form', { name: 'Harbour Dental Pty. Ltd.' }, c('1', 'Harbour Dental Pty Ltd'), ['exact_name']],
    ['& versus and', { name: 'Smith & Sons Plumbing' }, c('1', 'Smith and Sons Plumbing Pty Ltd'), ['exact_name']],
    ['similar name is a suggestion', { name: 'Harbour Dental' }, c('1', 'Harbour Dentistry'), ['similar_name']],
    ['plural / singular', { name: 'Jones Accountants' }, c('1', 'Jones Accounting Pty Ltd'), ['similar_name']],
    ['a typo', { name: 'Bayside Physiotherapy' }, c('1', 'Bayside Physiotherpy'), ['similar_name']],
    ['extra word', { name: 'Harbour Dental' }, c('1', 'Harbour Dental Group'), ['similar_name']],
    ['shared legal form only', { name: 'ABC Pty Ltd' }, c('1', 'XYZ Pty Ltd'), null],
    ['shared trade word only', { name: 'Smith Plumbing' }, c('1', 'Jones Plumbing'), null],
    ['unrelated', { name: 'Harbour Dental' }, c('1', 'Northside Motors'), null],
    ['empty name', { name: '' }, c('1', ''), null],
    // email
    [
      'same email, different name',
      { name: 'HD Group', email: 'accounts@harbourdental.com.au' },
      c('1', 'Harbour Dental', { email: 'Accounts@HarbourDental.com.au' }),
      ['same_email'],
    ],
    ['same email via a contact', { name: 'HD Group', email: 'jane@harbourdental.com.au' }, c('1', 'Harbour Dental', { emails: ['jane@harbourdental.com.au'] }), ['same_email']],
    ['same business domain', { name: 'HD Group', email: 'jane@harbourdental.com.au' }, c('1', 'Northside Motors', { email: 'bob@harbourdental.com.au' }), ['same_email_domain']],
    ['free-mail domain alone', { name: 'Jane Smith Consulting', email: 'jane@gmail.com' }, c('1', 'Northside Motors', { email: 'bob@gmail.com' }), null],
    [
      'same free-mail address is still the same address',
      { name: 'Jane Smith Consulting', email: 'jane@gmail.com' },
      c('1', 'JS Advisory', { email: 'jane@gmail.com' }),
      ['same_email'],
    ],
    ['invalid emails', { name: 'A Co', email: 'n/a' }, c('1', 'B Co', { email: 'n/a' }), null],
    // tax numbers
    ['same ABN, different spacing', { name: 'HD Group', taxNumber: '51 824 753 556' }, c('1', 'Northside Motors', { taxNumber: '51824753556' }), ['same_tax_number']],
    ['masked tax number ends with the same digits', { name: 'HD Group', taxNumber: '*****3556' }, c('1', 'Northside Motors', { taxNumber: '51 824 753 556' }), ['same_tax_number']],
    ['business number against tax number', { name: 'HD Group', businessNumber: '12-3456789' }, c('1', 'Northside Motors', { taxNumber: '123456789' }), ['same_tax_number']],
    ['different tax numbers', { name: 'HD Group', taxNumber: '51 824 753 556' }, c('1', 'Northside Motors', { taxNumber: '51 824 753 557' }), null],
    // several reasons, strongest first
    [
      'name and email',
      { name: 'Harbour Dental', email: 'a@harbourdental.com.au' },
      c('1', 'Harbour Dental Ltd', { email: 'a@harbourdental.com.au' }),
      ['exact_name', 'same_email'],
    ],
    [
      'similar name, domain and tax number',
      { name: 'Harbour Dental', email: 'a@harbourdental.com.au', taxNumber: '123456789' },
      c('1', 'Harbour Dentistry', { email: 'b@harbourdental.com.au', taxNumber: '123 456 789' }),
      ['same_tax_number', 'similar_name', 'same_email_domain'],
    ],
  ];

  test.each(rows)('%s', (_description, candidate, existing, reasons) => {
    const [found, ...rest] = findDuplicateCandidates(candidate, [existing]);
    expect(rest).toEqual([]);
    if (reasons === null) {
      expect(found).toBeUndefined();
      return;
    }
    expect(found?.record).toBe(existing);
    expect(found?.reasons).toEqual(reasons);
    expect(found?.score).toBeGreaterThan(0);
    expect(found?.score).toBeLessThanOrEqual(1);
    // Only an exact name ever auto-links; every other reason stays a suggestion.
    expect(isAutoLinkMatch(candidate, existing)).toBe(reasons.includes('exact_name'));
  });

  test('candidates are sorted by score, exact name first', () => {
    const existing = [
      c('domain', 'Unrelated Motors', { email: 'x@harbourdental.com.au' }),
      c('similar', 'Harbour Dentistry'),
      c('exact', 'Harbour Dental Pty Ltd'),
      c('none', 'Northside Motors'),
      c('email', 'HD', { email: 'jane@harbourdental.com.au' }),
    ];
    const found = findDuplicateCandidates({ name: 'Harbour Dental', email: 'jane@harbourdental.com.au' }, existing);
    expect(found.map((f) => f.record.id)).toEqual(['exact', 'email', 'similar', 'domain']);
    const scores = found.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(found[0]?.score).toBe(1);
    expect(found.slice(1).every((f) => f.score < 1)).toBe(true);
  });

  test('more evidence scores higher than less', () => {
    const [both] = findDuplicateCandidates({ name: 'Harbour Dental', email: 'a@hd.com.au' }, [c('1', 'Harbour Dentistry', { email: 'b@hd.com.au' })]);
    const [nameOnly] = findDuplicateCandidates({ name: 'Harbour Dental' }, [c('1', 'Harbour Dentistry')]);
    expect(both?.score).toBeGreaterThan(nameOnly?.score ?? 1);
  });

  test.each([
    [0.45, true],
    [0.57, true],
    [0.58, false],
    [0.9, false],
  ])('the similar-name threshold is configurable (%f → suggested: %s)', (threshold, suggested) => {
    // similarity('harbour dental', 'harbour dentistry') = 12/21 = 0.571…
    const found = findDuplicateCandidates({ name: 'Harbour Dental' }, [c('1', 'Harbour Dentistry')], { similarNameThreshold: threshold });
    expect(found.length === 1).toBe(suggested);
  });

  test('the default threshold compares normalised names, so legal forms do not inflate similarity', () => {
    // raw similarity('abc pty ltd', 'xyz pty ltd') is 0.5, above 0.45; normalised it is 0.
    expect(findDuplicateCandidates({ name: 'ABC Pty Ltd' }, [c('1', 'XYZ Pty Ltd')])).toEqual([]);
  });

  test('limit keeps the best', () => {
    const existing = [c('a', 'Harbour Dental'), c('b', 'Harbour Dentistry'), c('c', 'Harbour Dental Group')];
    expect(findDuplicateCandidates({ name: 'Harbour Dental' }, existing, { limit: 1 }).map((f) => f.record.id)).toEqual(['a']);
  });
});
