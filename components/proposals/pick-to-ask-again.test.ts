import { describe, expect, test } from 'vitest';
import type { ClientSelection } from '@/components/client-picker/selection';
import { pickToAskAgain } from './pick-to-ask-again';

const shown = { name: 'Garcia & Brown Architects', sources: ['gusto' as const], email: null, city: null, taxNumberEnding: null };
const answered: ClientSelection = {
  kind: 'external',
  app: 'gusto',
  externalId: 'co-1',
  linkToClientId: null,
  createNew: true,
  shownClientIds: ['5d2f0c1a-3b4e-4f6a-8c7d-9e0f1a2b3c4d'],
  ...shown,
};
const linked: ClientSelection = { ...answered, linkToClientId: '0b9c5f4e-8a3d-4c1e-9f2a-7d6b5c4e3a21', createNew: false, shownClientIds: [] };
const ownClient: ClientSelection = { kind: 'client', clientId: '0b9c5f4e-8a3d-4c1e-9f2a-7d6b5c4e3a21', ...shown };
const record = { app: 'gusto' as const, externalId: 'co-1', ...shown };
// "Use this instead" of a look-alike: linking the record to it (links) or not.
const usedInsteadLinking: ClientSelection = { ...ownClient, name: 'Garcia and Brown', usedInsteadOf: { record, links: true, despiteDifferentNumber: false } };
const usedInsteadOnly: ClientSelection = { ...ownClient, name: 'Garcia and Brown', usedInsteadOf: { record, links: false, despiteDifferentNumber: false } };
const CLIENT_REFUSED = { client: ['A client here now has this name and no different tax or business number. Choose which of your clients this record is.'] };

describe('pickToAskAgain', () => {
  test.each([
    ['the client field refused "another business"', answered, CLIENT_REFUSED],
    ['the client field refused the chosen namesake', linked, CLIENT_REFUSED],
    ['the client field refused an unanswered question', { ...answered, createNew: false, shownClientIds: [] }, CLIENT_REFUSED],
    ['the client field and the title both refused', answered, { ...CLIENT_REFUSED, title: ['Title is required.'] }],
  ])('%s: the same pick, its answer cleared', (_case, sent, fieldErrors) => {
    expect(pickToAskAgain(sent, fieldErrors)).toEqual({ ...sent, linkToClientId: null, createNew: false, shownClientIds: [] });
  });

  test('the client field refused linking the record to the client used instead: the record picked again, as it was shown, unanswered', () => {
    expect(pickToAskAgain(usedInsteadLinking, CLIENT_REFUSED)).toEqual({
      kind: 'external',
      app: 'gusto',
      externalId: 'co-1',
      ...shown,
      linkToClientId: null,
      createNew: false,
      shownClientIds: [],
    });
  });

  test.each([
    ['only the title was refused', answered, { title: ['Title is required.'] }],
    ['only the title was refused, with a client used instead', usedInsteadLinking, { title: ['Title is required.'] }],
    ['a client used instead that leaves the record alone', usedInsteadOnly, { client: ['“Garcia and Brown” is archived. Choose another client.'] }],
    ['a line was refused', answered, { 'lines.0.quantity': ['Enter a quantity.'] }],
    ['no field was named (stale version, signed out)', answered, {}],
    ['the client field had an empty list', answered, { client: [] }],
    ['the client is one of the practice’s own', ownClient, { client: ['Pick the client again.'] }],
    ['no client', { kind: 'none' } as const, { client: ['Pick the client again.'] }],
  ])('%s: nothing to ask again', (_case, sent, fieldErrors) => {
    expect(pickToAskAgain(sent, fieldErrors)).toBeNull();
  });
});
