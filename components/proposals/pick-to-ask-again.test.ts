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

  test.each([
    ['only the title was refused', answered, { title: ['Title is required.'] }],
    ['a line was refused', answered, { 'lines.0.quantity': ['Enter a quantity.'] }],
    ['no field was named (stale version, signed out)', answered, {}],
    ['the client field had an empty list', answered, { client: [] }],
    ['the client is one of the practice’s own', ownClient, { client: ['Pick the client again.'] }],
    ['no client', { kind: 'none' } as const, { client: ['Pick the client again.'] }],
  ])('%s: nothing to ask again', (_case, sent, fieldErrors) => {
    expect(pickToAskAgain(sent, fieldErrors)).toBeNull();
  });
});
