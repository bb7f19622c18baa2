import { describe, expect, test } from 'vitest';
import { type ClientAdoption, savedNoticeSearch, savedNoticeText, savedText } from './saved-notice';

describe('the message after saving a proposal', () => {
  test.each<[ClientAdoption | null, string | null, string]>([
    [null, null, 'Proposal saved.'],
    [null, 'Kestrel Joinery', 'Proposal saved.'],
    [{ outcome: 'created', app: 'xpm' }, 'Kestrel Joinery', 'Proposal saved. Created the client “Kestrel Joinery” from XPM and linked it.'],
    [
      { outcome: 'linked_existing', app: 'gusto' },
      'Tasman Bakery Ltd',
      "Proposal saved. Linked Gusto's record to your existing client “Tasman Bakery Ltd” — no new client was created.",
    ],
    [{ outcome: 'created', app: 'gusto' }, null, 'Proposal saved.'],
  ])('%j for %j', (adoption, clientName, text) => {
    expect(savedText(adoption, clientName)).toBe(text);
  });

  test.each<[ClientAdoption | null]>([[null], [{ outcome: 'created', app: 'xpm' }], [{ outcome: 'linked_existing', app: 'gusto' }]])(
    'travels in the address and reads back the same: %j',
    (adoption) => {
      const saved = new URLSearchParams(savedNoticeSearch(adoption)).get('saved') ?? undefined;
      expect(savedNoticeText(saved, 'Kestrel Joinery')).toBe(savedText(adoption, 'Kestrel Joinery'));
    },
  );

  test.each([[undefined], [''], ['0'], ['created'], ['created.quickbooks'], ['deleted.xpm'], ['created.xpm.extra'], [['1', '1']]])(
    'anything else in the address says nothing: %j',
    (saved) => {
      expect(savedNoticeText(saved, 'Kestrel Joinery')).toBeNull();
    },
  );
});
