import { describe, expect, test } from 'vitest';
import { zodFieldErrors } from '@/lib/dal/action';
import { clientInputSchema, clientListQuerySchema } from './client';

function errors(raw: unknown) {
  const result = clientInputSchema.safeParse(raw);
  return result.success ? {} : zodFieldErrors(result.error);
}

describe('client input', () => {
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
    [{ name: 'A', contacts: [{ name: '' }] }, 'contacts.0.name', 'Contact name is required.'],
    [{ name: 'A', contacts: [{ name: 'B', email: 'bad' }] }, 'contacts.0.email', 'Enter an email address like name@example.com.'],
    [{ name: 'A', contacts: [{ name: 'B', isPrimary: 'on' }, { name: 'C', isPrimary: 'on' }] }, 'contacts.1.isPrimary', 'Only one contact can be the primary contact.'],
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
    [{}, { q: '', status: 'active', sort: 'name', page: 1 }],
    [{ q: ' acme ', status: 'archived', sort: '-updated', page: '3' }, { q: 'acme', status: 'archived', sort: '-updated', page: 3 }],
    [{ status: 'deleted', sort: 'password', page: '-4' }, { q: '', status: 'active', sort: 'name', page: 1 }],
  ])('%j → %j', (raw, expected) => {
    expect(clientListQuerySchema.parse(raw)).toEqual(expected);
  });
});
