import { describe, expect, test } from 'vitest';
import { toClientChoice } from '@/components/client-picker/selection';
import type { LikelyDuplicateClient } from '@/lib/clients/picked-record-plan';
import type { PickedRecord } from './pick-to-ask-again';
import { whatUsingItDoesText, usedInstead, usedInsteadText } from './used-instead';

const CLARK = '0b9c5f4e-8a3d-4c1e-9f2a-7d6b5c4e3a21';
const pick: PickedRecord = {
  kind: 'external',
  app: 'xpm',
  externalId: 'xpm-clarke',
  name: 'Clarke Family Trust',
  sources: ['xpm'],
  email: null,
  city: 'Hobart',
  taxNumberEnding: null,
  linkToClientId: null,
  createNew: false,
  shownClientIds: [],
};
const lookalike = (linkable: boolean): LikelyDuplicateClient => ({
  id: CLARK,
  name: 'The Clark Family Trust',
  sources: linkable ? ['practice'] : ['practice', 'xpm'],
  email: 'office@clark.example',
  city: null,
  taxNumberEnding: null,
  reasons: ['similar_name'],
  linkable,
  differences: [],
  conflict: null,
});

describe('"Use this instead" under a picked record', () => {
  test('of a client with no record of the app: the proposal’s client is that client, and saving sends the record to link to it', () => {
    const chosen = usedInstead(pick, lookalike(true));
    expect(chosen).toMatchObject({ kind: 'client', clientId: CLARK, name: 'The Clark Family Trust', sources: ['practice'], email: 'office@clark.example' });
    // The answer a namesake chosen gives: the server plans the record again and checks this client is still one it may be.
    expect(toClientChoice(chosen)).toEqual({
      kind: 'external',
      app: 'xpm',
      externalId: 'xpm-clarke',
      linkToClientId: CLARK,
      createNew: false,
      shownClientIds: [],
      linkDespiteDifferentNumber: false,
    });
  });

  test('of a client whose tax number differs, after the author ticked "They are the same business": the save is told so', () => {
    const chosen = usedInstead(pick, { ...lookalike(true), conflict: 'tax_number' }, true);
    expect(chosen.usedInsteadOf.despiteDifferentNumber).toBe(true);
    expect(toClientChoice(chosen)).toMatchObject({ kind: 'external', linkToClientId: CLARK, linkDespiteDifferentNumber: true });
  });

  test('of a client linked to another record of the app: that client alone, the record left as it is', () => {
    expect(toClientChoice(usedInstead(pick, lookalike(false)))).toEqual({ kind: 'client', clientId: CLARK });
  });

  test('the record is kept as it was shown, so a refused save can show the pick again', () => {
    const { usedInsteadOf } = usedInstead(pick, lookalike(true));
    expect(usedInsteadOf.record).toEqual({
      app: 'xpm',
      externalId: 'xpm-clarke',
      name: 'Clarke Family Trust',
      sources: ['xpm'],
      email: null,
      city: 'Hobart',
      taxNumberEnding: null,
    });
  });

  test.each<[string, boolean, Parameters<typeof usedInsteadText>[2], string]>([
    [
      'linked, XPM the source of Everything: the client takes XPM’s name',
      true,
      { syncData: 'everything', direction: 'from_app' },
      'Saving links the XPM record “Clarke Family Trust” to “The Clark Family Trust” — no new client is created. XPM’s next sync brings its values in, replacing what differs here. This client will be renamed “Clarke Family Trust”.',
    ],
    [
      'linked, To XPM: XPM’s record takes the client’s name',
      true,
      { syncData: 'everything', direction: 'to_app' },
      'Saving links the XPM record “Clarke Family Trust” to “The Clark Family Trust” — no new client is created. This client’s details go to XPM when it next syncs, replacing what differs there. XPM’s “Clarke Family Trust” will be renamed “The Clark Family Trust”.',
    ],
    [
      'linked, settings unknown',
      true,
      null,
      'Saving links the XPM record “Clarke Family Trust” to “The Clark Family Trust” — no new client is created. XPM’s next sync compares the record with this client.',
    ],
    [
      'not linked: the client has its own XPM record',
      false,
      null,
      'The XPM record “Clarke Family Trust” stays unlinked: “The Clark Family Trust” is already linked to another XPM record.',
    ],
  ])('said before saving: %s', (_, linkable, flow, text) => {
    const chosen = usedInstead(pick, lookalike(linkable));
    expect(usedInsteadText(chosen.name, chosen.usedInsteadOf, flow)).toBe(text);
  });
});

describe('what "Use this instead" does, said beside it before it is pressed', () => {
  test.each<[Parameters<typeof whatUsingItDoesText>[0], boolean, string]>([
    ['xpm', true, 'Using it links this XPM record to it when the proposal is saved.'],
    ['xpm', false, 'It has its own XPM record: using it leaves this one unlinked.'],
    ['gusto', true, 'Using it links this Gusto record to it when the proposal is saved.'],
    ['gusto', false, 'It has its own Gusto record: using it leaves this one unlinked.'],
  ])('%s, linkable %s', (app, linkable, text) => {
    expect(whatUsingItDoesText(app, linkable)).toBe(text);
  });

  test.each<[string, Parameters<typeof whatUsingItDoesText>[2], boolean, string]>([
    [
      'XPM the source of Everything: its values will replace the client’s, in the client form’s words',
      { syncData: 'everything', direction: 'from_app' },
      true,
      'Using it links this XPM record to it when the proposal is saved. XPM is the source of your clients’ details: once linked, XPM’s next sync replaces what differs in this client’s name, business structure, email, phone, website, business number, street address, postal address and contacts with XPM’s values.',
    ],
    [
      'XPM the source of client names',
      { syncData: 'client_name', direction: 'from_app' },
      true,
      'Using it links this XPM record to it when the proposal is saved. XPM is the source of your clients’ names: once linked, XPM’s next sync replaces this client’s name with XPM’s if they differ.',
    ],
    ['To XPM: nothing here is replaced', { syncData: 'everything', direction: 'to_app' }, true, 'Using it links this XPM record to it when the proposal is saved.'],
    ['Sync data Nothing', { syncData: 'nothing', direction: 'from_app' }, true, 'Using it links this XPM record to it when the proposal is saved.'],
    [
      'not linked: nothing replaced, whatever the source',
      { syncData: 'everything', direction: 'from_app' },
      false,
      'It has its own XPM record: using it leaves this one unlinked.',
    ],
  ])('%s', (_, flow, linkable, text) => {
    expect(whatUsingItDoesText('xpm', linkable, flow)).toBe(text);
  });
});
