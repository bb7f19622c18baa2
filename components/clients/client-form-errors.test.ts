import { describe, expect, test } from 'vitest';
import { clientErrorSummary, errorsAfterEdit } from './client-form-errors';

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

describe('clientErrorSummary', () => {
  test('lists the refused fields in page order, by the names a person reads, each with its control', () => {
    const summary = clientErrorSummary(
      {
        'contacts.1.isPrimary': ['Only one contact can be the primary contact.'],
        postalCountry: ['Country must be at most 100 characters.'],
        email: ['Enter an email address like name@example.com.'],
        name: ['Name is required.'],
        'contacts.0.email': ['Enter an email address like name@example.com.'],
      },
      ['k1', 'k2'],
    );
    expect(summary).toEqual([
      { fieldId: 'client-name', label: 'Name', message: 'Name is required.' },
      { fieldId: 'client-email', label: 'Email', message: 'Enter an email address like name@example.com.' },
      { fieldId: 'client-postalCountry', label: 'Postal address country', message: 'Country must be at most 100 characters.' },
      { fieldId: 'contact-k1-email', label: 'Contact 1 email', message: 'Enter an email address like name@example.com.' },
      { fieldId: 'contact-k2-isPrimary', label: 'Contact 2 primary contact', message: 'Only one contact can be the primary contact.' },
    ]);
  });

  test('a message about the contacts as a whole has no single control to go to', () => {
    expect(clientErrorSummary({ contacts: ['A client can have at most 50 contacts.'] }, [])).toEqual([
      { fieldId: null, label: 'Contacts', message: 'A client can have at most 50 contacts.' },
    ]);
  });
});

describe('errorsAfterEdit', () => {
  const refused = { name: ['Name is required.'], email: ['Enter an email address like name@example.com.'] };

  test.each([
    ['the name is typed', { name: 'Kestrel', email: 'accounts@kestrel' }, 'name', ['email']],
    ['the email is fixed', { name: '', email: 'accounts@kestrel.example' }, 'email', ['name']],
    ['the email is still wrong', { name: '', email: 'accounts@' }, 'email', ['name', 'email']],
    ['the name is only spaces', { name: '   ', email: 'accounts@kestrel' }, 'name', ['name', 'email']],
    ['a field without an error changes', { name: '', email: 'accounts@kestrel', phone: '1' }, 'phone', ['name', 'email']],
  ])('%s', (_case, values, changed, left) => {
    expect(Object.keys(errorsAfterEdit(refused, form(values), changed))).toEqual(left);
  });

  test('unchecking either of two primary contacts clears the "one primary" error', () => {
    const errors = { 'contacts.1.isPrimary': ['Only one contact can be the primary contact.'] };
    const both = form({ 'contacts.0.name': 'Jordan', 'contacts.0.isPrimary': 'on', 'contacts.1.name': 'Sam', 'contacts.1.isPrimary': 'on' });
    expect(errorsAfterEdit(errors, both, 'contacts.0.isPrimary')).toEqual(errors);
    const one = form({ 'contacts.0.name': 'Jordan', 'contacts.1.name': 'Sam', 'contacts.1.isPrimary': 'on' });
    expect(errorsAfterEdit(errors, one, 'contacts.0.isPrimary')).toEqual({});
  });
});
