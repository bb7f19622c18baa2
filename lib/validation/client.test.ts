import { describe, expect, test } from 'vitest';
import { zodFieldErrors } from '@/lib/dal/action';
import { clientInputSchema, clientListQuerySchema } from './client';
import { WEBSITE_MESSAGE } from './fields';

function errors(raw: unknown) {
  const result = clientInputSchema.safeParse(raw);
  return result.success ? {} : zodFieldErrors(result.error);
}

describe('client input', () => {
  test.each(['example.com.au', 'www.bluegumphysio.com.au/contact', 'https://example.com', 'http://example.co.nz', '  kestrel.example  '])(
    '%s is a website, kept as typed',
    (website) => {
      expect(clientInputSchema.parse({ name: 'A', website }).website).toBe(website.trim());
    },
  );

  test('empty strings become null and the name is trimmed', () => {
    expect(clientInputSchema.parse({ name: '  Acme  ', email: '', phone: '   ' })).toMatchObject({ name: 'Acme', email: null, phone: null, contacts: [] });
  });

  test.each([
    [{ name: '' }, 'name', 'Name is required.'],
    [{ name: '   ' }, 'name', 'Name is required.'],
    [{}, 'name', 'Name is required.'],
    [{ name: 'x'.repeat(201) }, 'name', 'Name must be at most 200 characters.'],
    [{ name: 'A', email: 'nope' }, 'email', 'Enter an email address like name@example.com.'],
    [{ name: 'A', email: 'a@b' }, 'email', 'Enter an email address like name@example.com.'],
    [{ name: 'A', streetPostcode: '1'.repeat(21) }, 'streetPostcode', 'Postcode must be at most 20 characters.'],
    [{ name: 'A', website: 'bluegum physio' }, 'website', WEBSITE_MESSAGE],
    [{ name: 'A', website: 'bluegum' }, 'website', WEBSITE_MESSAGE],
    [{ name: 'A', website: 'ftp://bluegum.example' }, 'website', WEBSITE_MESSAGE],
    [{ name: 'A', website: 'javascript:alert(1)' }, 'website', WEBSITE_MESSAGE],
    [{ name: 'A', contacts: [{ name: '' }] }, 'contacts.0.name', 'Contact name is required.'],
    [{ name: 'A', contacts: [{ name: 'B', email: 'bad' }] }, 'contacts.0.email', 'Enter an email address like name@example.com.'],
    [
      {
        name: 'A',
        contacts: [
          { name: 'B', isPrimary: 'on' },
          { name: 'C', isPrimary: 'on' },
        ],
      },
      'contacts.1.isPrimary',
      'Only one contact can be the primary contact.',
    ],
    // A NUL made the insert fail (500); every free-text field refuses control characters.
    [{ name: 'Acme\u0000' }, 'name', 'Name cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.'],
    [{ name: 'A', legalName: 'Acme\u0000 Pty' }, 'legalName', 'Legal name cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.'],
    [{ name: 'A', streetCity: 'Syd\u0007ney' }, 'streetCity', 'City cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.'],
    [
      { name: 'A', contacts: [{ name: 'B\u0000' }] },
      'contacts.0.name',
      'Contact name cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.',
    ],
    [
      { name: 'A', contacts: [{ name: 'B', position: 'CFO\u0000' }] },
      'contacts.0.position',
      'Position cannot contain control characters such as tabs or null bytes; retype it or paste it as plain text.',
    ],
    [{ name: 'A', email: 'a\u0000@example.com' }, 'email', 'Enter an email address like name@example.com.'],
  ])('%j → %s: %s', (raw, field, message) => {
    expect(errors(raw)[field]).toContain(message);
  });

  test('one primary contact is fine, and checkbox values are understood', () => {
    const parsed = clientInputSchema.parse({ name: 'A', contacts: [{ name: 'B', isPrimary: 'on' }, { name: 'C' }, { name: 'D', isPrimary: 'false' }] });
    expect(parsed.contacts.map((c) => c.isPrimary)).toEqual([true, false, false]);
  });

  test('too many contacts are refused', () => {
    expect(errors({ name: 'A', contacts: Array.from({ length: 51 }, (_, i) => ({ name: `C${i}` })) }).contacts).toBeDefined();
  });
});

describe('client list query', () => {
  test.each([
    [{}, { q: '', status: 'active', link: 'any', sort: 'name', page: 1 }],
    [
      { q: ' acme ', status: 'archived', sort: '-updated', page: '3' },
      { q: 'acme', status: 'archived', link: 'any', sort: '-updated', page: 3 },
    ],
    [
      { status: 'deleted', sort: 'password', page: '-4' },
      { q: '', status: 'active', link: 'any', sort: 'name', page: 1 },
    ],
    [{ link: 'xpm' }, { q: '', status: 'active', link: 'xpm', sort: 'name', page: 1 }],
    [{ link: 'none' }, { q: '', status: 'active', link: 'none', sort: 'name', page: 1 }],
    [{ link: 'xpm-archived' }, { q: '', status: 'active', link: 'xpm-archived', sort: 'name', page: 1 }],
    [{ link: 'gusto-deleted' }, { q: '', status: 'active', link: 'gusto-deleted', sort: 'name', page: 1 }],
    [{ link: 'xpm-active' }, { q: '', status: 'active', link: 'any', sort: 'name', page: 1 }],
    [{ link: 'myob' }, { q: '', status: 'active', link: 'any', sort: 'name', page: 1 }],
    // A NUL in ?q= reached PostgreSQL and failed the page (500): it is dropped instead.
    [{ q: 'ac\u0000me' }, { q: 'acme', status: 'active', link: 'any', sort: 'name', page: 1 }],
    [{ q: '\u0000' }, { q: '', status: 'active', link: 'any', sort: 'name', page: 1 }],
  ])('%j → %j', (raw, expected) => {
    expect(clientListQuerySchema.parse(raw)).toEqual(expected);
  });
});
