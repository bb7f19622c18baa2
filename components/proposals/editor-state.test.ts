import { describe, expect, test } from 'vitest';
import { draftSnapshot, type EditorDraft, emptyLine, errorSummary, linesFromServer, liveLineTotal, liveTotal, moveLine, toPayload } from './editor-state';

const line = (description: string, quantity: string, unitPrice: string) => ({ ...emptyLine(), description, quantity, unitPrice });

describe('live totals (whole cents, never floating point)', () => {
  test.each([
    ['1', '1,250.00', 125_000],
    ['1.5', '220', 33_000],
    ['3', '0.10', 30],
    ['0.5', '0.01', 1], // half a cent rounds up
    ['0', '99', 0],
    ['', '10', null],
    ['1', '', null],
    ['-1', '10', null],
    ['1.234', '10', null],
    ['abc', '10', null],
  ])('%s × %s → %s', (quantity, unitPrice, cents) => {
    expect(liveLineTotal({ quantity, unitPrice })).toBe(cents);
  });

  test('the total adds valid lines and counts the rest', () => {
    // 0.1 + 0.2 as cents is exactly 30, unlike 0.1 + 0.2 in floating point.
    expect(liveTotal([line('a', '1', '0.10'), line('b', '1', '0.20'), line('c', 'x', '5')])).toEqual({ totalCents: 30, incomplete: 1 });
  });
});

describe('moveLine', () => {
  const [a, b, c] = [line('a', '1', '1'), line('b', '1', '1'), line('c', '1', '1')];
  test.each([
    [0, 1, ['b', 'a', 'c']],
    [2, -1, ['a', 'c', 'b']],
    [0, -1, ['a', 'b', 'c']],
    [2, 1, ['a', 'b', 'c']],
  ] as const)('line %i by %i', (index, by, order) => {
    expect(moveLine([a, b, c], index, by).map((l) => l.description)).toEqual(order);
  });
});

describe('snapshots and payloads', () => {
  const draft: EditorDraft = {
    title: 'T',
    client: { kind: 'client', clientId: '00000000-0000-4000-8000-000000000001', name: 'A', sources: ['practice'], email: null, city: null, taxNumberEnding: null },
    lines: [line('a', '1', '10')],
  };

  test('the payload carries ids and typed text only', () => {
    expect(toPayload(draft)).toEqual({
      title: 'T',
      client: { kind: 'client', clientId: '00000000-0000-4000-8000-000000000001' },
      lines: [{ description: 'a', quantity: '1', unitPrice: '10' }],
    });
  });

  test('display-only details and line keys do not make a draft dirty; content does', () => {
    const same = { ...draft, client: { ...draft.client, name: 'Renamed for display' } as EditorDraft['client'], lines: draft.lines.map((l) => ({ ...l, key: 'other' })) };
    expect(draftSnapshot(same)).toBe(draftSnapshot(draft));
    expect(draftSnapshot({ ...draft, title: 'T2' })).not.toBe(draftSnapshot(draft));
    expect(draftSnapshot({ ...draft, lines: [] })).not.toBe(draftSnapshot(draft));
  });

  test('server lines come back as typed-looking text', () => {
    expect(
      linesFromServer([
        { description: 'x', quantity: '1.50', unitPriceCents: 22_000 },
        { description: 'y', quantity: '2.00', unitPriceCents: 5 },
        { description: 'z', quantity: '10.00', unitPriceCents: 100 },
        { description: 'w', quantity: '1.00', unitPriceCents: 125_050 },
      ]).map(({ quantity, unitPrice }) => [quantity, unitPrice]),
    ).toEqual([
      ['1.5', '220.00'],
      ['2', '0.05'],
      ['10', '1.00'],
      // Grouped as typed and as the totals show it (a trial typed "1,250.50" and got "1250.50" back).
      ['1', '1,250.50'],
    ]);
  });

  test('a saved price typed with or without separators reads back the same, and the page has nothing unsaved', () => {
    for (const typed of ['1,250.50', '1250.5', '$1,250.50', ' 1250.50 ']) {
      const [line] = linesFromServer([{ description: 'x', quantity: '1.00', unitPriceCents: 125_050 }]);
      expect(line!.unitPrice).toBe('1,250.50');
      expect(liveLineTotal({ quantity: '1', unitPrice: typed })).toBe(liveLineTotal(line!));
    }
  });
});

describe('errorSummary: a refused save, in words and page order', () => {
  const lines = [
    { ...emptyLine(), key: 'line-a' },
    { ...emptyLine(), key: 'line-b' },
  ];

  test('every named field, where it is on the page, as a person calls it', () => {
    const summary = errorSummary(
      {
        'lines.1.unitPrice': ['The unit price must be at most $10,000,000.'],
        'lines.0.description': ['Description is required.'],
        title: ['Title is required.'],
        'lines.1.quantity': ["The quantity can't be negative."],
        'client.clientId': ['Pick the client again.'],
      },
      lines,
    );
    expect(summary).toEqual([
      { fieldId: 'proposal-title', label: 'Title', message: 'Title is required.' },
      { fieldId: null, label: 'Client', message: 'Pick the client again.' },
      { fieldId: 'line-line-a-description', label: 'Line 1 Description', message: 'Description is required.' },
      { fieldId: 'line-line-b-price', label: 'Line 2 Unit price', message: 'The unit price must be at most $10,000,000.' },
      { fieldId: 'line-line-b-quantity', label: 'Line 2 Quantity', message: "The quantity can't be negative." },
    ]);
  });

  test('the list as a whole, a line that is gone, and an unknown path still say something', () => {
    expect(errorSummary({ lines: ['A proposal can have at most 100 service lines.'] }, lines)).toEqual([
      { fieldId: null, label: 'Service lines', message: 'A proposal can have at most 100 service lines.' },
    ]);
    expect(errorSummary({ 'lines.7.quantity': ['Enter a quantity.'] }, lines)).toEqual([{ fieldId: null, label: 'Service lines', message: 'Enter a quantity.' }]);
    expect(errorSummary({ version: ['Reload the page.'] }, lines)).toEqual([{ fieldId: null, label: 'version', message: 'Reload the page.' }]);
  });

  test('nothing named, nothing listed', () => {
    expect(errorSummary({}, lines)).toEqual([]);
    expect(errorSummary({ title: [] }, lines)).toEqual([]);
  });
});
