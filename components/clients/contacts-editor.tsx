'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useAnnouncement } from '@/components/ui/use-announcement';
import { useFocusAfterRender } from '@/components/ui/use-focus-after-render';
import type { FieldErrors } from './client-form-errors';

/** A contact row being edited; `key` is stable across re-renders even for new rows. */
export interface ContactDraft {
  key: string;
  id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  salutation: string | null;
  position: string | null;
  isPrimary: boolean;
}

const CONTACT_FIELDS = [
  ['name', 'Name', 'text'],
  ['position', 'Position', 'text'],
  ['salutation', 'Salutation', 'text'],
  ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'],
  ['mobile', 'Mobile', 'tel'],
] as const;

let nextKey = 0;
export function newContactDraft(): ContactDraft {
  nextKey += 1;
  return { key: `new-${nextKey}-${Date.now()}`, id: null, name: '', email: null, phone: null, mobile: null, salutation: null, position: null, isPrimary: false };
}

/** Controls that take focus after a change: each contact's name field, and "Add contact". */
const nameControl = (contact: ContactDraft) => `name:${contact.key}`;
const ADD_CONTACT = 'add-contact';

/**
 * Contacts are plain form fields named `contacts.N.field`, so the whole client saves in one
 * action. Inputs are uncontrolled; the list of rows is state so rows can be added and removed.
 * Focus follows as in the proposal's service lines: into a new contact's name, and from a
 * removed contact to the next one's name (else the previous one's, else "Add contact"), and
 * each change is said in the live region. Enter in a contact's field submits the form, as in
 * any other field of it.
 */
export function ContactsEditor({
  contacts,
  onChange,
  errors,
  legendNote = null,
}: {
  contacts: ContactDraft[];
  onChange: (next: ContactDraft[]) => void;
  errors: FieldErrors;
  /** After "Contacts" in the legend: the client form's "From XPM" when the source's contacts replace these. */
  legendNote?: ReactNode;
}) {
  const { register, focusAfterRender } = useFocusAfterRender();
  const [status, announce] = useAnnouncement();

  const add = () => {
    const contact = newContactDraft();
    onChange([...contacts, contact]);
    announce(`Contact ${contacts.length + 1} added.`);
    focusAfterRender(nameControl(contact));
  };

  const remove = (index: number) => {
    const next = contacts.filter((_, i) => i !== index);
    onChange(next);
    announce(`Contact ${index + 1} removed.`);
    const neighbour = next[Math.min(index, next.length - 1)];
    focusAfterRender(neighbour ? nameControl(neighbour) : ADD_CONTACT);
  };

  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-base font-semibold">
        Contacts
        {legendNote}
      </legend>
      {errors.contacts ? (
        <p className="text-sm text-red-700" role="alert">
          {errors.contacts.join(' ')}
        </p>
      ) : null}
      {contacts.length === 0 ? <p className="text-sm text-slate-700">No contacts yet.</p> : null}
      {contacts.map((contact, index) => {
        const label = contact.name || `Contact ${index + 1}`;
        return (
          <div key={contact.key} className="rounded-md border border-slate-200 p-4" role="group" aria-label={`Contact ${index + 1}`}>
            <input type="hidden" name={`contacts.${index}.id`} value={contact.id ?? ''} />
            <div className="grid gap-3 md:grid-cols-3">
              {CONTACT_FIELDS.map(([field, fieldLabel, type]) => (
                <Field key={field} id={`contact-${contact.key}-${field}`} label={`${fieldLabel}`} errors={errors[`contacts.${index}.${field}`]} required={field === 'name'}>
                  {(p) => (
                    <Input
                      {...p}
                      ref={field === 'name' ? register(nameControl(contact)) : undefined}
                      name={`contacts.${index}.${field}`}
                      type={type}
                      autoComplete="off"
                      defaultValue={contact[field] ?? ''}
                      aria-label={`Contact ${index + 1} ${fieldLabel.toLowerCase()}`}
                    />
                  )}
                </Field>
              ))}
            </div>
            <div className="mt-3 flex flex-wrap items-start justify-between gap-3">
              <div>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    id={`contact-${contact.key}-isPrimary`}
                    name={`contacts.${index}.isPrimary`}
                    defaultChecked={contact.isPrimary}
                    className="h-4 w-4"
                    aria-describedby={`contact-${contact.key}-primary-error`}
                    aria-invalid={errors[`contacts.${index}.isPrimary`] ? true : undefined}
                  />
                  Primary contact
                </label>
                <p id={`contact-${contact.key}-primary-error`} aria-live="polite" className="text-sm text-red-700">
                  {errors[`contacts.${index}.isPrimary`]?.join(' ')}
                </p>
              </div>
              <Button variant="secondary" size="sm" onClick={() => remove(index)}>
                Remove contact<span className="sr-only"> {label}</span>
              </Button>
            </div>
          </div>
        );
      })}
      <Button variant="secondary" ref={register(ADD_CONTACT)} onClick={add}>
        Add contact
      </Button>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </fieldset>
  );
}
