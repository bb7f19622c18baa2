import { describe, expect, test } from 'vitest';
import {
  likelyDuplicates,
  linkChoices,
  mayCreate,
  mayCreateBesideNamesakes,
  planPickedRecord,
  unseenClients,
  type LikelyDuplicateClient,
  type LinkableClient,
  type LookalikeClient,
  type PlannedRecord,
} from './picked-record-plan';
import type { TakenApart } from './taken-apart-text';

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
const planFor = (r: PlannedRecord, clients: readonly LinkableClient[], lookalikes: readonly LookalikeClient[] = []) => planPickedRecord(r, clients, lookalikes, 'Australia/Sydney');

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
    expect(plan).toEqual({ kind: 'create', name: 'Kelly Family Trust', duplicates: [] });
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

  // A user trial: after an admin undid the run that linked them, the picker still said "Saving links
  // this Gusto record to that client", though the undo promised syncs would not link them by name.
  describe('a namesake once linked to the record and taken apart since', () => {
    const undone = { clientId: 'c1', how: 'undo' as const, byName: 'Alex Admin', at: new Date('2026-12-07T09:15:00Z') };
    const plan = (events: readonly TakenApart[], clients = [client('c1')]) => planPickedRecord(record(), clients, [], 'Australia/Sydney', { appLabel: 'Gusto', events });

    test('is not linked by name: the author is asked, told what happened and when, and may not create a namesake beside it', () => {
      const found = plan([undone]);
      expect(found).toEqual({
        kind: 'choose',
        clients: [
          {
            id: 'c1',
            name: 'Kelly Family Trust',
            detail: 'added 1 Dec 2026, 4:30 pm AEDT',
            differs: null,
            takenApart: 'Alex Admin undid the sync that linked this Gusto record to “Kelly Family Trust”, 7 Dec 2026, 8:15 pm AEDT.',
          },
        ],
        canCreate: false,
      });
      // The author's word links them again (a person may, as from the client's page); nothing else does.
      expect(linkChoices(found)).toEqual(['c1']);
      expect(mayCreate(found, { createNew: true, shownClientIds: ['c1'] })).toBe(false);
    });

    test('another client taken apart from the record does not stop the namesake’s link', () => {
      expect(plan([{ ...undone, clientId: 'c9' }])).toEqual({ kind: 'link_existing', client: { id: 'c1', name: 'Kelly Family Trust' } });
    });

    test('among several namesakes, the one taken apart says so', () => {
      const found = plan([{ ...undone, how: 'unlink', byName: null }], [client('c1', { city: 'Perth' }), client('c2', { city: 'Hobart' })]);
      expect(found.kind === 'choose' && found.clients.map((c) => c.takenApart)).toEqual([
        'An admin unlinked this Gusto record from “Kelly Family Trust”, 7 Dec 2026, 8:15 pm AEDT.',
        null,
      ]);
    });
  });

  test('one namesake whose business number differs: ask, showing both numbers whole, and allow a new client', () => {
    const plan = planFor(record({ businessNumber: '31-1042532' }), [client('c1', { businessNumber: ' 12-3456789 ' })]);
    expect(plan).toEqual({
      kind: 'choose',
      clients: [
        {
          id: 'c1',
          name: 'Kelly Family Trust',
          detail: 'added 1 Dec 2026, 4:30 pm AEDT',
          differs: { kind: 'business_number', here: '12-3456789', inApp: '31-1042532' },
          takenApart: null,
        },
      ],
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

const lookalike = (id: string, over: Partial<LookalikeClient> = {}): LookalikeClient => ({
  id,
  name: 'Summit Peak Consulting LLC',
  email: null,
  city: null,
  taxNumber: null,
  businessNumber: null,
  phone: null,
  apps: [],
  ...over,
});

describe('likely duplicates of a record no client shares the name of', () => {
  const typo: PlannedRecord = { name: 'Summit Peak Consluting LLC', email: null, taxNumber: null, businessNumber: null };
  const ids = (found: readonly LikelyDuplicateClient[]) => found.map((d) => d.id);
  const NONE_LINKABLE = new Set<string>();

  test.each<[string, Partial<PlannedRecord>, Partial<LookalikeClient>, LikelyDuplicateClient['reasons'] | null]>([
    ['a typo in a long word', {}, {}, ['similar_name']],
    ['another name, the same email', { name: 'Peak Advisory Group', email: 'Office@SummitPeak.example' }, { email: 'office@summitpeak.example' }, ['same_email']],
    ['another name, the same whole tax number', { name: 'SPC Holdings', taxNumber: '12-3456750' }, { taxNumber: '12 345 6750' }, ['same_tax_number']],
    ['another name, the same business number', { name: 'SPC Holdings', businessNumber: '51 824 753 556' }, { businessNumber: '51824753556' }, ['same_tax_number']],
    ['a typo and a tax number whose ending matches XPM’s masked one', { taxNumber: '*****6750' }, { taxNumber: '12-3456750' }, ['same_tax_number', 'similar_name']],
    ['a typo, but a different business number: another business', { businessNumber: '31-1042532' }, { businessNumber: '12-3456789' }, null],
    ['a typo, but a different tax number: another business', { taxNumber: '*****1111' }, { taxNumber: '12-3456750' }, null],
    [
      'a different number, but the same email: still shown',
      { businessNumber: '31-1042532', email: 'a@summit.example' },
      { businessNumber: '12-3456789', email: 'a@summit.example' },
      ['same_email', 'similar_name'],
    ],
    ['a name only somewhat alike', { name: 'Summit Accounting Services' }, {}, null],
    ['only the email domain is shared', { name: 'Peak Advisory Group', email: 'a@summitpeak.example' }, { email: 'b@summitpeak.example' }, null],
    ['the very name (a client linked to another record of the app)', { name: 'Summit Peak Consulting, LLC' }, {}, ['exact_name']],
    ['the very name, but a different business number', { name: 'Summit Peak Consulting LLC', businessNumber: '31-1042532' }, { businessNumber: '12-3456789' }, null],
  ])('%s', (_, recordOver, clientOver, reasons) => {
    const found = likelyDuplicates({ ...typo, ...recordOver }, [lookalike('c1', clientOver)], NONE_LINKABLE);
    expect(found.map((d) => d.reasons)).toEqual(reasons ? [reasons] : []);
  });

  test('shown as the picker shows a client: badges, details, and only the tax number’s ending', () => {
    const [shown] = likelyDuplicates(
      typo,
      [lookalike('c1', { email: 'office@summitpeak.example', city: 'Denver', taxNumber: '12-3456750', apps: ['gusto', 'xpm'] })],
      NONE_LINKABLE,
    );
    expect(shown).toEqual({
      id: 'c1',
      name: 'Summit Peak Consulting LLC',
      sources: ['practice', 'xpm', 'gusto'],
      email: 'office@summitpeak.example',
      city: 'Denver',
      taxNumberEnding: '750',
      reasons: ['similar_name'],
      linkable: false,
      differences: [],
      conflict: null,
    });
    expect(JSON.stringify(shown)).not.toContain('3456');
  });

  test('one shown for its email although its tax number differs: what differs, and the conflict that makes linking a second step', () => {
    const record = { ...typo, email: 'books@summit.example', taxNumber: '*****1111', city: 'Hamilton', phone: '+64 7 838 1234' };
    const client = lookalike('c1', { email: 'Books@Summit.example', taxNumber: '12-3456750', city: 'Perth', phone: '(08) 9000 1234' });
    const [shown] = likelyDuplicates(record, [client], new Set(['c1']));
    expect(shown).toMatchObject({
      reasons: ['same_email', 'similar_name'],
      linkable: true,
      conflict: 'tax_number',
      differences: [
        { field: 'taxNumber', inApp: 'ending 111', here: 'ending 750' },
        { field: 'city', inApp: 'Hamilton', here: 'Perth' },
        { field: 'phone', inApp: '+64 7 838 1234', here: '(08) 9000 1234' },
      ],
    });
    expect(JSON.stringify(shown)).not.toContain('3456');
  });

  test('likeliest first, at most six', () => {
    const spellings = [
      'Summit Peak Consulting',
      'Summit Peak Consultng',
      'Sumit Peak Consulting',
      'Summit Peek Consulting',
      'Summitt Peak Consulting',
      'Summit Peak Consultin',
      'Summit Peak Konsulting',
    ];
    const many = spellings.map((name, i) => lookalike(`n${i}`, { name }));
    const sameEmail = lookalike('email', { name: 'Summit Peak Group', email: 'a@summit.example' });
    const found = likelyDuplicates({ ...typo, email: 'a@summit.example' }, [...many, sameEmail], NONE_LINKABLE);
    expect(found).toHaveLength(6);
    expect(found[0]?.id).toBe('email');
    expect(ids(likelyDuplicates(typo, [lookalike('b', { name: 'Summit Peak Consulting, LLC' }), lookalike('a')], NONE_LINKABLE))).toEqual(['a', 'b']);
  });

  test('the plan to create carries them; with them, creating needs the author’s “it is a new client”', () => {
    const plan = planFor(typo, [client('c1', { name: 'Kelly Plumbing' })], [lookalike('c2')]);
    expect(plan).toMatchObject({ kind: 'create', name: 'Summit Peak Consluting LLC', duplicates: [{ id: 'c2', reasons: ['similar_name'] }] });
    expect(mayCreate(plan, { createNew: false, shownClientIds: ['c2'] })).toBe(false);
    expect(mayCreate(plan, { createNew: true, shownClientIds: ['c2'] })).toBe(true);
    // A namesake is asked about as before: look-alikes are not what the namesake question is about.
    const namesake = planFor(typo, [client('c3', { name: 'Summit Peak Consluting, LLC' })], [lookalike('c2')]);
    expect(namesake).toEqual({ kind: 'link_existing', client: { id: 'c3', name: 'Summit Peak Consluting, LLC' } });
  });

  test('"Use this instead" may link only a look-alike with no record of the app: the clients the plan was given as linkable', () => {
    // c2 is linked to another record of the app (so not among the linkable clients), c3 is not.
    const plan = planFor(
      typo,
      [client('c1', { name: 'Kelly Plumbing' }), client('c3', { name: 'Summit Peak Consultng LLC' })],
      [lookalike('c2', { apps: ['xpm'] }), lookalike('c3', { name: 'Summit Peak Consultng LLC' })],
    );
    expect(plan.kind === 'create' && plan.duplicates.map((d) => [d.id, d.linkable])).toEqual([
      ['c2', false],
      ['c3', true],
    ]);
    // A client the plan does not show (c1), or shows but may not link (c2), is never a client to link.
    expect(linkChoices(plan)).toEqual(['c3']);
  });

  const duplicate = (id: string, linkable = true): LikelyDuplicateClient => ({
    id,
    name: 'Y',
    sources: ['practice'],
    email: null,
    city: null,
    taxNumberEnding: null,
    reasons: ['similar_name'],
    linkable,
    differences: [],
    conflict: null,
  });

  const namesake = (id: string) => ({ id, name: 'X', detail: 'Perth', differs: { kind: 'business_number' as const, here: '1', inApp: '2' }, takenApart: null });

  test.each<[string, ReturnType<typeof planPickedRecord>, string[]]>([
    ['a namesake to link', { kind: 'link_existing', client: { id: 'c', name: 'X' } }, ['c']],
    ['namesakes to choose from', { kind: 'choose', clients: [namesake('n1'), namesake('n2')], canCreate: true }, ['n1', 'n2']],
    ['look-alikes, one linked to another record of the app', { kind: 'create', name: 'X', duplicates: [duplicate('d1', false), duplicate('d2')] }, ['d2']],
    ['nothing alike', { kind: 'create', name: 'X', duplicates: [] }, []],
  ])('the clients the record may be linked to: %s', (_, plan, ids) => {
    expect(linkChoices(plan)).toEqual(ids);
  });

  test.each<[string, ReturnType<typeof planPickedRecord>, boolean, boolean]>([
    ['create, nothing alike', { kind: 'create', name: 'X', duplicates: [] }, true, true],
    ['create beside a look-alike', { kind: 'create', name: 'X', duplicates: [duplicate('d')] }, false, true],
    ['a namesake to link', { kind: 'link_existing', client: { id: 'c', name: 'X' } }, false, false],
    ['namesakes a number sets apart', { kind: 'choose', clients: [namesake('n')], canCreate: true }, false, true],
    ['namesakes nothing sets apart', { kind: 'choose', clients: [namesake('n')], canCreate: false }, false, false],
  ])('may create: %s (the author shown every client it names)', (_, plan, withoutAnswer, withAnswer) => {
    const shownClientIds = ['d', 'n'];
    expect([mayCreate(plan, { createNew: false, shownClientIds }), mayCreate(plan, { createNew: true, shownClientIds })]).toEqual([withoutAnswer, withAnswer]);
  });

  test.each<[string, ReturnType<typeof planPickedRecord>, string[], string[]]>([
    ['the look-alikes shown', { kind: 'create', name: 'X', duplicates: [duplicate('d1'), duplicate('d2')] }, ['d2', 'd1'], []],
    ['one look-alike shown went away', { kind: 'create', name: 'X', duplicates: [duplicate('d1')] }, ['d1', 'd2'], []],
    ['a look-alike added since', { kind: 'create', name: 'X', duplicates: [duplicate('d1'), duplicate('d3')] }, ['d1'], ['d3']],
    ['no clients shown at all (an old page)', { kind: 'create', name: 'X', duplicates: [duplicate('d1')] }, [], ['d1']],
    ['look-alikes shown, now a namesake another number sets apart', { kind: 'choose', clients: [namesake('n1')], canCreate: true }, ['d1'], ['n1']],
    ['a namesake shown, now a look-alike', { kind: 'create', name: 'X', duplicates: [duplicate('d1')] }, ['n1'], ['d1']],
    ['the namesakes shown', { kind: 'choose', clients: [namesake('n1'), namesake('n2')], canCreate: true }, ['n1', 'n2'], []],
  ])('"it is a new client" holds only for the clients shown: %s', (_, plan, shown, unseen) => {
    expect(unseenClients(plan, shown)).toEqual(unseen);
    expect(mayCreate(plan, { createNew: true, shownClientIds: shown })).toBe(unseen.length === 0);
  });
});
