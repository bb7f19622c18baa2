import { describe, expect, test } from 'vitest';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import { duplicateWarnings } from './duplicate-warnings';

const duplicate = (clientId: string | null, name: string, reasons: LikelyDuplicate['reasons']): LikelyDuplicate => ({
  key: clientId ? `client:${clientId}` : `xpm:${name}`,
  clientId,
  external: clientId ? null : { app: 'xpm', externalId: name },
  name,
  sources: clientId ? ['practice'] : ['xpm'],
  email: null,
  city: null,
  taxNumberEnding: null,
  reasons,
});

describe('duplicateWarnings', () => {
  test('clients here with a like name or the same tax number, in words; not app records, not the client being edited', () => {
    expect(
      duplicateWarnings(
        [
          duplicate('c1', 'Blue Gum Physio', ['exact_name']),
          duplicate('c2', 'Bluegum Physiotherapy', ['similar_name', 'same_tax_number']),
          duplicate(null, 'Blue Gum Physio (XPM)', ['exact_name']),
          duplicate('self', 'Blue Gum Physio Pty Ltd', ['exact_name', 'same_tax_number']),
          duplicate('c3', 'Same Domain Co', ['same_email_domain']),
        ],
        'self',
      ),
    ).toEqual([
      { clientId: 'c1', name: 'Blue Gum Physio', why: 'same name', needsConfirming: true },
      { clientId: 'c2', name: 'Bluegum Physiotherapy', why: 'similar name, same tax number', needsConfirming: true },
    ]);
  });

  test('a new client (nothing being edited) is warned about every client', () => {
    expect(duplicateWarnings([duplicate('c1', 'Blue Gum Physio', ['same_tax_number'])], null)).toEqual([
      { clientId: 'c1', name: 'Blue Gum Physio', why: 'same tax number', needsConfirming: true },
    ]);
  });

  test('only the same name or tax number needs confirming before saving: a similar name only warns', () => {
    expect(duplicateWarnings([duplicate('c1', 'Bluegum Physiotherapy', ['similar_name'])], null)).toEqual([
      { clientId: 'c1', name: 'Bluegum Physiotherapy', why: 'similar name', needsConfirming: false },
    ]);
  });
});
