import { describe, expect, test } from 'vitest';
import { planBulkConfirm, scoreSuggestedMatch, type RankedPair } from './suggested-match';

describe('scoreSuggestedMatch', () => {
  test.each([
    // client, record, confidence (null: not suggested), reasons
    ['a typo in one word', { name: 'Kowhai Landscaping Ltd' }, { name: 'Kowhai Landscpaing Ltd' }, 55, ['similar_name']],
    ['words run together, a suffix added', { name: 'Bluegum Physiotherapy' }, { name: 'Blue Gum Physiotherapy Pty Ltd' }, 68, ['similar_name']],
    ['a changed ending', { name: 'Summit Peak Consulting' }, { name: 'Summit Peak Consultants' }, 57, ['similar_name']],
    ['a whole tax number alike, names not', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '12345678635' }, 90, ['same_tax_number']],
    ['XPM’s masked tax number: weaker', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '*****8635' }, 60, ['same_tax_number']],
    ['a masked number whose digits differ', { name: 'Acme Widgets', taxNumber: '12 345 678 635' }, { name: 'Zebra Holdings', taxNumber: '*****8636' }, null, []],
    ['the same address, any case', { name: 'Acme Widgets', email: 'Info@Acme.example' }, { name: 'Zebra Holdings', email: 'info@acme.example' }, 80, ['same_email']],
    ['name, email and tax number together', { name: 'Kowhai Landscaping', email: 'info@kowhai.example', taxNumber: '123456789' }, { name: 'Kowhai Landscpaing', email: 'info@kowhai.example', taxNumber: '*****6789' }, 96, ['same_tax_number', 'same_email', 'similar_name']],
    ['a similar name and a business domain', { name: 'Summit Peak Consulting', email: 'info@summitpeak.example' }, { name: 'Summit Peak Consultants', email: 'accounts@summitpeak.example' }, 74, ['similar_name', 'same_email_domain']],
    ['only a business email domain: not enough', { name: 'Acme Widgets', email: 'info@acme.example' }, { name: 'Zebra Holdings', email: 'accounts@acme.example' }, null, []],
    ['a free-mail domain says nothing', { name: 'Acme', email: 'a@gmail.com' }, { name: 'Zed', email: 'b@gmail.com' }, null, []],
    ['the same normalised name: runs link these, never suggested', { name: 'Harbour Dental Pty Ltd' }, { name: 'Harbour Dental Pty. Ltd.' }, null, []],
    ['the same normalised name with other evidence: still not', { name: 'Smith & Sons', taxNumber: '123456789' }, { name: 'Smith and Sons Ltd', taxNumber: '123456789' }, null, []],
    ['unrelated names', { name: 'Smith Plumbing' }, { name: 'Jones Electrical' }, null, []],
  ] as const)('%s', (_, client, record, confidence, reasons) => {
    const score = scoreSuggestedMatch(client, record);
    expect(score?.confidence ?? null).toBe(confidence);
    expect(score?.reasons ?? []).toEqual(reasons);
  });

  test('never says 100%', () => {
    const score = scoreSuggestedMatch({ name: 'Kowhai Landscaping', email: 'info@k.example', taxNumber: '123456789' }, { name: 'Kowhai Landscapin', email: 'info@k.example', taxNumber: '123 456 789' });
    expect(score?.confidence).toBe(99);
  });
});

const pair = (clientId: string, externalId: string, confidence: number, app = 'xpm'): RankedPair => ({ clientId, app, externalId, confidence, nameSimilarity: 0.5, clientName: clientId });
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

  test('a chain: the best pair takes both sides, the second-best is skipped, the third still links', () => {
    const plan = planBulkConfirm([pair('c1', 'r1', 95), pair('c1', 'r2', 90), pair('c2', 'r2', 85)], 50);
    expect(keys(plan.link)).toEqual(['c1-xpm:r1', 'c2-xpm:r2']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['client_taken']);
  });
});
