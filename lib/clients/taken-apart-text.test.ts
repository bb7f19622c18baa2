import { describe, expect, test } from 'vitest';
import { type TakenApart, takenApartText } from './taken-apart-text';

describe('takenApartText (the picker, before an author links a pair taken apart again)', () => {
  const at = new Date('2026-12-07T09:15:00Z');
  test.each<[string, Omit<TakenApart, 'clientId'>, string]>([
    ['an admin’s undo', { how: 'undo', byName: 'Alex Admin', at }, 'Alex Admin undid the sync that linked this Gusto record to “Wattle Co”, 7 Dec 2026, 8:15 pm AEDT.'],
    ['an undo by one no longer a member', { how: 'undo', byName: null, at }, 'An admin undid the sync that linked this Gusto record to “Wattle Co”, 7 Dec 2026, 8:15 pm AEDT.'],
    ['an Unlink', { how: 'unlink', byName: 'Alex Admin', at }, 'Alex Admin unlinked this Gusto record from “Wattle Co”, 7 Dec 2026, 8:15 pm AEDT.'],
    ['a Relink away', { how: 'relink', byName: 'Alex Admin', at }, 'Alex Admin relinked “Wattle Co” from this Gusto record to another, 7 Dec 2026, 8:15 pm AEDT.'],
  ])('%s', (_case, event, text) => {
    expect(takenApartText('Gusto', 'Wattle Co', event, 'Australia/Sydney')).toBe(text);
  });
});
