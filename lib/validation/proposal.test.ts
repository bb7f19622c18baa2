import { describe, expect, test } from 'vitest';
import {
  MAX_SHOWN_CLIENTS,
  clientChoiceSchema,
  duplicateQuerySchema,
  pickerNewClientSchema,
  proposalContentSchema,
  proposalLineInputSchema,
  proposalListQuerySchema,
} from './proposal';

describe('proposal lines', () => {
  test.each([
    [
      { description: 'Tax return', quantity: '1', unitPrice: '1,250.00' },
      { description: 'Tax return', quantity: '1.00', unitPrice: 125_000 },
    ],
    [
      { description: ' Advisory ', quantity: '1.5', unitPrice: '$220' },
      { description: 'Advisory', quantity: '1.50', unitPrice: 22_000 },
    ],
    [
      { description: 'Free', quantity: '0', unitPrice: '0' },
      { description: 'Free', quantity: '0.00', unitPrice: 0 },
    ],
  ])('%j is read exactly', (input, output) => {
    expect(proposalLineInputSchema.parse(input)).toEqual(output);
  });

  test.each([
    [{ description: '', quantity: '1', unitPrice: '1' }, 'description', 'Description is required.'],
    [{ description: 'x', quantity: '-1', unitPrice: '1' }, 'quantity', "The quantity can't be negative."],
    [{ description: 'x', quantity: '1.234', unitPrice: '1' }, 'quantity', 'The quantity can have at most 2 decimal places.'],
    [{ description: 'x', quantity: '2000000', unitPrice: '1' }, 'quantity', 'The quantity must be at most 1,000,000.'],
    [{ description: 'x', quantity: '1', unitPrice: '-5' }, 'unitPrice', "The unit price can't be negative."],
    [{ description: 'x', quantity: '1', unitPrice: '1.999' }, 'unitPrice', 'The unit price can have at most 2 decimal places.'],
    [{ description: 'x', quantity: '1', unitPrice: '20000000' }, 'unitPrice', 'The unit price must be at most $10,000,000.'],
    // Past what a number holds: the same limit is stated, not just "too large".
    [{ description: 'x', quantity: '1', unitPrice: '99999999999999999999' }, 'unitPrice', 'The unit price must be at most $10,000,000.'],
    [{ description: 'x', quantity: '99999999999999999999999', unitPrice: '1' }, 'quantity', 'The quantity must be at most 1,000,000.'],
    [{ description: 'x', quantity: '1', unitPrice: 'ten' }, 'unitPrice', 'The unit price must be a number, like 1,234.50.'],
  ])('%j is refused on %s', (input, field, message) => {
    const result = proposalLineInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[field, message]]);
  });
});

describe('client choice', () => {
  test.each([
    [{ kind: 'none' }, true],
    [{ kind: 'client', clientId: '00000000-0000-4000-8000-000000000001' }, true],
    [{ kind: 'client', clientId: 'not-a-uuid' }, false],
    [{ kind: 'external', app: 'xpm', externalId: 'abc' }, true],
    [{ kind: 'external', app: 'myob', externalId: 'abc' }, false],
    [{ kind: 'external', app: 'gusto', externalId: '' }, false],
    [{ kind: 'external', app: 'gusto', externalId: 'abc', createNew: true }, true],
    [{ kind: 'external', app: 'gusto', externalId: 'abc', createNew: 'yes' }, false],
    [{ kind: 'external', app: 'gusto', externalId: 'abc', createNew: true, shownClientIds: ['00000000-0000-4000-8000-000000000001'] }, true],
    [{ kind: 'external', app: 'gusto', externalId: 'abc', createNew: true, shownClientIds: ['not-a-uuid'] }, false],
    [{ kind: 'external', app: 'gusto', externalId: 'abc', createNew: true, shownClientIds: '00000000-0000-4000-8000-000000000001' }, false],
    [{ kind: 'other' }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(clientChoiceSchema.safeParse(input).success).toBe(valid);
  });

  test('the clients shown with "it is a new client" are a bounded list', () => {
    const shown = (count: number) => ({
      kind: 'external',
      app: 'gusto',
      externalId: 'abc',
      createNew: true,
      shownClientIds: Array(count).fill('00000000-0000-4000-8000-000000000001'),
    });
    expect(clientChoiceSchema.safeParse(shown(MAX_SHOWN_CLIENTS)).success).toBe(true);
    expect(clientChoiceSchema.safeParse(shown(MAX_SHOWN_CLIENTS + 1)).error?.issues[0]?.message).toBe('Too many clients in the answer.');
  });

  test('an external choice without an answer links none and creates no second client', () => {
    expect(clientChoiceSchema.parse({ kind: 'external', app: 'xpm', externalId: 'abc' })).toEqual({
      kind: 'external',
      app: 'xpm',
      externalId: 'abc',
      linkToClientId: null,
      createNew: false,
      shownClientIds: [],
      // Nor is a look-alike whose number differs linked without the author's second word.
      linkDespiteDifferentNumber: false,
    });
  });
});

test('a proposal needs a title and at most 100 lines', () => {
  expect(proposalContentSchema.safeParse({ title: ' ', client: { kind: 'none' }, lines: [] }).error?.issues[0]?.message).toBe('Title is required.');
  const lines = Array.from({ length: 101 }, () => ({ description: 'x', quantity: '1', unitPrice: '1' }));
  expect(proposalContentSchema.safeParse({ title: 'T', client: { kind: 'none' }, lines }).error?.issues[0]?.message).toBe('A proposal can have at most 100 service lines.');
});

test('the picker form normalises email and blanks', () => {
  expect(pickerNewClientSchema.parse({ name: ' Acme ', email: ' A@B.example ', taxNumber: ' ' })).toEqual({
    name: 'Acme',
    email: 'a@b.example',
    taxNumber: null,
    duplicatesReviewed: false,
  });
  expect(pickerNewClientSchema.safeParse({ name: 'Acme', email: 'nope' }).success).toBe(false);
});

describe('control characters in proposal text', () => {
  const NUL_MESSAGE = (label: string) => `${label} cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.`;
  const issues = (schema: { safeParse(v: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
    schema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]);

  test('a NUL in the title or a line description is a field error, not a failed save', () => {
    expect(issues(proposalContentSchema, { title: 'Annual\u0000 accounts', client: { kind: 'none' }, lines: [] })).toEqual([['title', NUL_MESSAGE('Title')]]);
    expect(issues(proposalContentSchema, { title: 'T', client: { kind: 'none' }, lines: [{ description: 'Tax\u0000', quantity: '1', unitPrice: '1' }] })).toEqual([
      ['lines.0.description', NUL_MESSAGE('Description')],
    ]);
  });

  test('the picker’s new-client form refuses them in the name and tax number', () => {
    expect(issues(pickerNewClientSchema, { name: 'Acme\u0000' })).toEqual([['name', NUL_MESSAGE('Name')]]);
    expect(issues(pickerNewClientSchema, { name: 'Acme', taxNumber: '12\u00003' })).toEqual([['taxNumber', NUL_MESSAGE('Tax number')]]);
  });

  test('search-like queries drop them', () => {
    expect(proposalListQuerySchema.parse({ q: 'bas\u0000' })).toEqual({ q: 'bas', status: 'all', page: 1 });
    expect(duplicateQuerySchema.parse({ name: 'Ac\u0000me', email: '\u0000', taxNumber: '1\u00002' })).toEqual({ name: 'Acme', email: '', taxNumber: '12' });
    expect(clientChoiceSchema.safeParse({ kind: 'external', app: 'xpm', externalId: 'abc\u0000' }).success).toBe(false);
  });
});
