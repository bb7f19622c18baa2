import { describe, expect, test } from 'vitest';
import { mayCreateBesideNamesakes, planPickedRecord, type LinkableClient, type PlannedRecord } from './picked-record-plan';

const record = (over: Partial<PlannedRecord> = {}): PlannedRecord => ({ name: 'Kelly Family Trust', taxNumber: null, businessNumber: null, ...over });
const client = (id: string, over: Partial<LinkableClient> = {}): LinkableClient => ({
  id,
  name: 'Kelly Family Trust',
  taxNumber: null,
  businessNumber: null,
  email: null,
  city: null,
  phone: null,
  createdAt: new Date('2026-12-01T05:30:00Z'),
  ...over,
});
const planFor = (r: PlannedRecord, clients: readonly LinkableClient[]) => planPickedRecord(r, clients, 'Australia/Sydney');

describe('planPickedRecord', () => {
  test('namesakes named alike are told apart by the first detail each has and no two share', () => {
    const found = planFor(record(), [
      client('c1', { email: 'a@kelly.example', city: 'Perth' }),
      client('c2', { name: 'Kelly Family Trust.', email: 'b@kelly.example', city: 'Perth' }),
    ]);
    expect(found.kind === 'choose' && found.clients.map((c) => c.detail)).toEqual(['a@kelly.example', 'b@kelly.example']);
    const sameEmail = planFor(record(), [client('c1', { email: 'x@kelly.example', city: 'Perth' }), client('c2', { email: 'x@kelly.example', city: 'Hobart' })]);
    expect(sameEmail.kind === 'choose' && sameEmail.clients.map((c) => c.detail)).toEqual(['Perth', 'Hobart']);
  });

  test('no client with the name: create', () => {
    const plan = planFor(record(), [client('c1', { name: 'Kelly Plumbing' })]);
    expect(plan).toEqual({ kind: 'create', name: 'Kelly Family Trust' });
    expect(mayCreateBesideNamesakes(plan)).toBe(true);
  });

  test.each([
    ['neither has a number', {}, {}],
    ['the same business number, written differently', { businessNumber: '51 824 753 556' }, { businessNumber: '51824753556' }],
    ['only the client has a number', {}, { businessNumber: '51 824 753 556' }],
    ['a tax number against a business number is no evidence', { businessNumber: '11 111 111 111' }, { taxNumber: '222 333 444' }],
    ['a masked tax number with the same ending', { taxNumber: '*****3444' }, { taxNumber: '222 333 444' }],
  ])('one namesake, %s: link it', (_, recordNumbers, clientNumbers) => {
    const plan = planFor(record(recordNumbers), [client('c1', { name: 'Kelly Family Trust Pty Ltd', ...clientNumbers })]);
    expect(plan).toEqual({ kind: 'link_existing', client: { id: 'c1', name: 'Kelly Family Trust Pty Ltd' } });
    expect(mayCreateBesideNamesakes(plan)).toBe(false);
  });

  test('one namesake whose business number differs: ask, showing both numbers whole, and allow a new client', () => {
    const plan = planFor(record({ businessNumber: '31-1042532' }), [client('c1', { businessNumber: ' 12-3456789 ' })]);
    expect(plan).toEqual({
      kind: 'choose',
      clients: [{ id: 'c1', name: 'Kelly Family Trust', detail: 'added 1 Dec 2026, 4:30 pm AEDT', differs: { kind: 'business_number', here: '12-3456789', inApp: '31-1042532' } }],
      canCreate: true,
    });
    expect(mayCreateBesideNamesakes(plan)).toBe(true);
  });

  test('one namesake whose tax number differs: ask, showing each tax number by its ending only', () => {
    const plan = planFor(record({ taxNumber: '*****6635' }), [client('c1', { taxNumber: '123 456 789' })]);
    expect(plan).toMatchObject({ kind: 'choose', clients: [{ differs: { kind: 'tax_number', here: 'ending 789', inApp: 'ending 635' } }], canCreate: true });
    expect(JSON.stringify(plan)).not.toContain('123');
    // The same last three digits, a different fourth: the endings grow until they differ.
    expect(planFor(record({ taxNumber: '*****6789' }), [client('c1', { taxNumber: '123 455 789' })])).toMatchObject({
      clients: [{ differs: { here: 'ending 5789', inApp: 'ending 6789' } }],
    });
  });

  test('several namesakes: ask; a new client only when a number sets every one of them apart', () => {
    const apart = client('c1', { businessNumber: '12-3456789' });
    const alike = client('c2', { name: 'Kelly Family Trust.' });
    const mixed = planFor(record({ businessNumber: '31-1042532' }), [apart, alike]);
    expect(mixed).toMatchObject({ kind: 'choose', canCreate: false });
    expect(mixed.kind === 'choose' && mixed.clients.map((c) => [c.id, c.differs?.here ?? null])).toEqual([
      ['c1', '12-3456789'],
      ['c2', null],
    ]);
    expect(mayCreateBesideNamesakes(mixed)).toBe(false);

    const bothApart = planFor(record({ businessNumber: '31-1042532' }), [apart, client('c3', { businessNumber: '98-7654321' })]);
    expect(bothApart).toMatchObject({ kind: 'choose', canCreate: true });
    expect(mayCreateBesideNamesakes(bothApart)).toBe(true);
  });
});
