import { describe, expect, test } from 'vitest';
import { planBulkConfirm, scoreSuggestedMatch, selectSuggestions, type RankedPair } from './suggested-match';

describe('scoreSuggestedMatch', () => {
  test.each([
    // client, record, confidence (null: not suggested), reasons
    ['a typo in one word', { name: 'Kowhai Landscaping Ltd' }, { name: 'Kowhai Landscpaing Ltd' }, 55, ['similar_name']],
    ['words run together, a suffix added', { name: 'Bluegum Physiotherapy' }, { name: 'Blue Gum Physiotherapy Pty Ltd' }, 68, ['similar_name']],
    ['a changed ending', { name: 'Summit Peak Consulting' }, { name: 'Summit Peak Consultants' }, 57, ['similar_name']],
    ['a whole tax number alike, names not', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '12345678635' }, 90, ['same_tax_number']],
    ['XPM’s masked tax number alone: four digits, too weak', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '*****8635' }, null, []],
    [
      'a masked tax number beside a similar name',
      { name: 'Summit Peak Consulting', taxNumber: '12 345 678 635' },
      { name: 'Summit Peak Consultants', taxNumber: '*****8635' },
      83,
      ['same_tax_number', 'similar_name'],
    ],
    [
      'a masked tax number beside a business email domain',
      { name: 'Acme Widgets', taxNumber: '12 345 678 635', email: 'a@acme.example' },
      { name: 'Zebra Holdings', taxNumber: '*****8635', email: 'b@acme.example' },
      76,
      ['same_tax_number', 'same_email_domain'],
    ],
    ['a name alone just above the bar', { name: 'Valley Marketing LLC' }, { name: 'Valley Marekting LLC' }, 52, ['similar_name']],
    ['a name alone below it: shared words, different people', { name: 'Smith Family Trust' }, { name: 'Jones Family Trust' }, null, []],
    ['a masked number whose digits differ', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '*****8636' }, null, []],
    ['the same address, any case', { name: 'Acme Widgets', email: 'Info@Acme.example' }, { name: 'Zebra Holdings', email: 'info@acme.example' }, 80, ['same_email']],
    [
      'name, email and tax number together',
      { name: 'Kowhai Landscaping', email: 'info@kowhai.example', taxNumber: '123456789' },
      { name: 'Kowhai Landscpaing', email: 'info@kowhai.example', taxNumber: '*****6789' },
      96,
      ['same_tax_number', 'same_email', 'similar_name'],
    ],
    [
      'a similar name and a business domain',
      { name: 'Summit Peak Consulting', email: 'info@summitpeak.example' },
      { name: 'Summit Peak Consultants', email: 'accounts@summitpeak.example' },
      74,
      ['similar_name', 'same_email_domain'],
    ],
    ['only a business email domain: not enough', { name: 'Acme Widgets', email: 'info@acme.example' }, { name: 'Zebra Holdings', email: 'accounts@acme.example' }, null, []],
    ['a free-mail domain says nothing', { name: 'Acme', email: 'a@gmail.com' }, { name: 'Zed', email: 'b@gmail.com' }, null, []],
    ['the same normalised name: runs link these, never suggested', { name: 'Harbour Dental Pty Ltd' }, { name: 'Harbour Dental Pty. Ltd.' }, null, []],
    ['the same normalised name with other evidence: still not', { name: 'Smith & Sons', taxNumber: '123456789' }, { name: 'Smith and Sons Ltd', taxNumber: '123456789' }, null, []],
    ['unrelated names', { name: 'Smith Plumbing' }, { name: 'Jones Electrical' }, null, []],
    // A trial found these offered (55%, 53%): most of each name alike, but the word that tells them apart differs wholly.
    ['alike but for the partner’s name: two firms', { name: 'Henderson & Roberts Partners' }, { name: 'Henderson & Chen Partners' }, null, []],
    ['alike but for the family name: two funds', { name: 'Nguyen Superannuation Fund' }, { name: 'Smith Superannuation Fund' }, null, []],
    [
      'alike but for the family name, with the same email: still a suggestion',
      { name: 'Nguyen Superannuation Fund', email: 'office@fund.example' },
      { name: 'Smith Superannuation Fund', email: 'office@fund.example' },
      90,
      ['same_email', 'similar_name'],
    ],
    [
      'alike names with different business numbers: two businesses',
      { name: 'Carter & Sons Tours Inc.', businessNumber: '95-1234107' },
      { name: 'Carter & Sons Tour Inc', businessNumber: '95-7777826' },
      null,
      [],
    ],
    [
      'alike names and a business domain, but different tax numbers',
      { name: 'Summit Peak Consulting', email: 'info@summitpeak.example', taxNumber: '111 222 333' },
      { name: 'Summit Peak Consultants', email: 'accounts@summitpeak.example', taxNumber: '*****2334' },
      null,
      [],
    ],
    [
      'different business numbers, the same email: still for a person to judge',
      { name: 'Acme Widgets', email: 'info@acme.example', businessNumber: '11 111 111 111' },
      { name: 'Acme Widget Co', email: 'info@acme.example', businessNumber: '22 222 222 222' },
      93,
      ['same_email', 'similar_name'],
    ],
  ] as const)('%s', (_, client, record, confidence, reasons) => {
    const score = scoreSuggestedMatch(client, record);
    expect(score?.confidence ?? null).toBe(confidence);
    expect(score?.reasons ?? []).toEqual(reasons);
  });

  test('never says 100%', () => {
    const score = scoreSuggestedMatch(
      { name: 'Kowhai Landscaping', email: 'info@k.example', taxNumber: '123456789' },
      { name: 'Kowhai Landscapin', email: 'info@k.example', taxNumber: '123 456 789' },
    );
    expect(score?.confidence).toBe(99);
  });
});

const pair = (clientId: string, externalId: string, confidence: number, app = 'xpm'): RankedPair => ({
  clientId,
  app,
  externalId,
  confidence,
  nameSimilarity: 0.5,
  clientName: clientId,
});
const keys = (pairs: readonly RankedPair[]) => pairs.map((p) => `${p.clientId}-${p.app}:${p.externalId}`);

describe('planBulkConfirm', () => {
  test.each([
    ['links every pair at or above the threshold, best first', [pair('c1', 'r1', 70), pair('c2', 'r2', 90), pair('c3', 'r3', 69)], 70, ['c2-xpm:r2', 'c1-xpm:r1'], []],
    ['one client, two records: the better record wins', [pair('c1', 'r1', 80), pair('c1', 'r2', 95)], 50, ['c1-xpm:r2'], [['c1-xpm:r1', 'client_taken', 'c1-xpm:r2']]],
    ['one record, two clients: the better client wins', [pair('c1', 'r1', 80), pair('c2', 'r1', 85)], 50, ['c2-xpm:r1'], [['c1-xpm:r1', 'record_taken', 'c2-xpm:r1']]],
    ['a client may link one record per app', [pair('c1', 'r1', 80), pair('c1', 'g1', 80, 'gusto')], 50, ['c1-gusto:g1', 'c1-xpm:r1'], []],
    ['a pair below the threshold never blocks one above it', [pair('c1', 'r1', 60), pair('c1', 'r2', 40)], 50, ['c1-xpm:r1'], []],
    ['nothing above the threshold', [pair('c1', 'r1', 60)], 90, [], []],
  ] as const)('%s', (_, pairs, min, linked, skipped) => {
    const plan = planBulkConfirm(pairs, min);
    expect(keys(plan.link)).toEqual(linked);
    expect(plan.skipped.map((s) => [keys([s.pair])[0], s.reason, keys([s.instead])[0]])).toEqual(skipped);
  });

  test('equally likely pairs sharing a client: neither is linked, and a lower pair for that client waits too', () => {
    const plan = planBulkConfirm([pair('c1', 'r1', 51), pair('c1', 'r2', 51), pair('c1', 'r3', 51), pair('c1', 'r4', 50), pair('c2', 'r5', 50)], 50);
    expect(keys(plan.link)).toEqual(['c2-xpm:r5']);
    expect(plan.skipped.map((s) => [keys([s.pair])[0], s.reason, keys([s.instead])[0]])).toEqual([
      ['c1-xpm:r1', 'tied', 'c1-xpm:r2'],
      ['c1-xpm:r2', 'tied', 'c1-xpm:r1'],
      ['c1-xpm:r3', 'tied', 'c1-xpm:r1'],
      ['c1-xpm:r4', 'undecided', 'c1-xpm:r1'],
    ]);
  });

  test('behind a tie, a waiting pair holds its other side: nothing weaker links there first', () => {
    // c1 ties between r1 and r2; c2–r1 waits on that choice, and so c2–r3 (weaker) waits too:
    // if r1 turns out to be c2's, linking c2 to r3 now would have been the arbitrary pick.
    const plan = planBulkConfirm([pair('c1', 'r1', 60), pair('c1', 'r2', 60), pair('c2', 'r1', 55), pair('c2', 'r3', 50), pair('c3', 'r4', 50)], 50);
    expect(keys(plan.link)).toEqual(['c3-xpm:r4']);
    expect(plan.skipped.map((s) => [keys([s.pair])[0], s.reason, keys([s.instead])[0]])).toEqual([
      ['c1-xpm:r1', 'tied', 'c1-xpm:r2'],
      ['c1-xpm:r2', 'tied', 'c1-xpm:r1'],
      ['c2-xpm:r1', 'undecided', 'c1-xpm:r1'],
      ['c2-xpm:r3', 'undecided', 'c2-xpm:r1'],
    ]);
  });

  test('whatever the names and ids, the same pairs link: a pair waiting behind a tie makes an equal pair on its other side a choice too', () => {
    // r2 ties between c0 and c9; c1 is as likely with r1 as with r2, so c1–r1 must not link
    // just because "r1" sorts before "r2" — renamed "r3", it would sort after.
    const plan = (other: string) => planBulkConfirm([pair('c0', 'r2', 90), pair('c9', 'r2', 90), pair('c1', other, 70), pair('c1', 'r2', 70), pair('c5', 'r5', 60)], 50);
    for (const other of ['r1', 'r3']) {
      const result = plan(other);
      expect(keys(result.link)).toEqual(['c5-xpm:r5']);
      expect(result.skipped.find((s) => s.pair.externalId === other)?.reason).toBe('tied');
      expect(result.skipped.find((s) => s.pair.clientId === 'c1' && s.pair.externalId === 'r2')?.reason).toBe('undecided');
    }
  });

  test('a side taken for good is said so, even when the other side waits on a tie', () => {
    // c1–r1 (90) links; r2 ties between c2 and c3 (80); c1–r2 (70): its client is taken, not "waiting".
    const plan = planBulkConfirm([pair('c1', 'r1', 90), pair('c2', 'r2', 80), pair('c3', 'r2', 80), pair('c1', 'r2', 70)], 50);
    expect(plan.skipped.find((s) => s.pair.clientId === 'c1' && s.pair.externalId === 'r2')).toMatchObject({ reason: 'client_taken' });
  });

  test('equally likely pairs sharing a record: neither client gets it', () => {
    const plan = planBulkConfirm([pair('c1', 'r1', 70), pair('c2', 'r1', 70)], 50);
    expect(keys(plan.link)).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['tied', 'tied']);
  });

  test('the same confidence with a likelier name is not a tie: the likelier name wins', () => {
    const plan = planBulkConfirm([{ ...pair('c1', 'r1', 70), nameSimilarity: 0.8 }, pair('c1', 'r2', 70)], 50);
    expect(keys(plan.link)).toEqual(['c1-xpm:r1']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['client_taken']);
  });

  test('a tie on one side does not undo a strictly better link on the other', () => {
    // c1–r1 (90) links; c2–r1 (70) loses r1 to it; c2–r2 (70) then links: c2's 70s never tied with a winner.
    const plan = planBulkConfirm([pair('c1', 'r1', 90), pair('c2', 'r1', 70), pair('c2', 'r2', 70)], 50);
    expect(keys(plan.link)).toEqual(['c1-xpm:r1', 'c2-xpm:r2']);
    expect(plan.skipped.map((s) => [keys([s.pair])[0], s.reason])).toEqual([['c2-xpm:r1', 'record_taken']]);
  });

  test('a chain: the best pair takes both sides, the second-best is skipped, the third still links', () => {
    const plan = planBulkConfirm([pair('c1', 'r1', 95), pair('c1', 'r2', 90), pair('c2', 'r2', 85)], 50);
    expect(keys(plan.link)).toEqual(['c1-xpm:r1', 'c2-xpm:r2']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['client_taken']);
  });
});

describe('selectSuggestions', () => {
  const candidate = (clientId: string, clientName: string, externalId: string, recordName: string, extra: { clientTax?: string; recordTax?: string } = {}) => ({
    clientId,
    app: 'xpm',
    externalId,
    client: { name: clientName, taxNumber: extra.clientTax ?? null },
    record: { name: recordName, taxNumber: extra.recordTax ?? null },
  });
  const shown = (candidates: Parameters<typeof selectSuggestions>[0]) => selectSuggestions(candidates).map((s) => `${s.clientId}:${s.externalId}`);

  test.each([
    ['one plausible pair', [candidate('c1', 'Martin Super Fund', 'r1', 'Martin Super Fnud')], ['c1:r1']],
    [
      'a name-only pair loses to a better one for the same client',
      [candidate('c1', 'Martin Super Fund', 'r1', 'Martin Super Fnud'), candidate('c1', 'Martin Super Fund', 'r2', 'Martin Super Funds')],
      ['c1:r2'],
    ],
    [
      'a name-only pair loses to a better one for the same record',
      [candidate('c1', 'Martin Super Fnud', 'r1', 'Martin Super Fund'), candidate('c2', 'Martin Super Funds', 'r1', 'Martin Super Fund')],
      ['c2:r1'],
    ],
    [
      'a name-only pair loses to a tax-number pair for the same client',
      [
        candidate('c1', 'Martin Super Fund', 'r1', 'Martin Super Funds'),
        candidate('c1', 'Martin Super Fund', 'r2', 'Totally Other Name', { clientTax: '123456789', recordTax: '123 456 789' }),
      ],
      ['c1:r2'],
    ],
    [
      'pairs with more than a name are all shown, best first (a bulk confirmation then takes the best)',
      [
        candidate('c1', 'Martin Super Fund', 'r1', 'Martin Super Funds', { clientTax: '123456789', recordTax: '*****6789' }),
        candidate('c1', 'Martin Super Fund', 'r2', 'Totally Other Name', { clientTax: '123456789', recordTax: '123 456 789' }),
      ],
      ['c1:r2', 'c1:r1'],
    ],
    [
      'a record with an exact-name client is left to the runs, and not offered to anyone else',
      [candidate('c1', 'Blue Gum Physiotherapy Pty Ltd', 'r1', 'Blue Gum Physiotherapy'), candidate('c2', 'Bluegum Physiotherapy', 'r1', 'Blue Gum Physiotherapy')],
      [],
    ],
    [
      'a client with an exact-name record is not offered another record',
      [candidate('c1', 'Kowhai Landscaping', 'r1', 'Kowhai Landscaping Ltd'), candidate('c1', 'Kowhai Landscaping', 'r2', 'Kowhai Landscapng')],
      [],
    ],
  ] as const)('%s', (_, candidates, expected) => {
    expect(shown(candidates)).toEqual(expected);
  });
});
