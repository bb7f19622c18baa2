'use client';

import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import { useActionState, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { ClientFormState } from '../actions';
import type { ClientInput } from '@/lib/validation/client';
import { ContactsEditor, type ContactDraft } from '@/components/clients/contacts-editor';

/** The schema's client fields, with contacts as editable rows. */
export type ClientFormValues = Omit<ClientInput, 'contacts'> & { contacts: ContactDraft[] };

type TextField = Exclude<keyof ClientFormValues, 'contacts'>;

const STRUCTURES = ['Company', 'Sole Trader', 'Partnership', 'Trust', 'LLC', 'S Corporation', 'C Corporation', 'Non-profit', 'Individual'];

export function ClientForm({
  action,
  initial,
  version,
  submitLabel,
}: {
  action: (state: ClientFormState, formData: FormData) => Promise<ClientFormState>;
  initial?: ClientFormValues;
  version?: number;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const onSubmit = useKeepValuesSubmit(formAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formRef = useRef<HTMLFormElement>(null);
  const [contacts, setContacts] = useState<ContactDraft[]>(initial?.contacts ?? []);

  const text = (name: TextField, label: string, options: { type?: string; autoComplete?: string; required?: boolean; hint?: string } = {}) => (
    <Field id={`client-${name}`} label={label} errors={errors[name]} required={options.required} hint={options.hint}>
      {(p) => (
        <Input {...p} name={name} type={options.type ?? 'text'} autoComplete={options.autoComplete ?? 'off'} defaultValue={initial?.[name] ?? ''} required={options.required} />
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-8" noValidate aria-describedby="client-form-status">
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <div id="client-form-status">{state && !state.ok && state.formError ? <Alert tone="error">{state.formError}</Alert> : null}</div>
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Details</legend>
        {text('name', 'Name', { required: true, autoComplete: 'organization' })}
        {text('legalName', 'Legal name')}
        {text('tradingName', 'Trading name')}
        <Field id="client-businessStructure" label="Business structure" errors={errors.businessStructure}>
          {(p) => (
            <>
              <Input {...p} name="businessStructure" list="business-structures" defaultValue={initial?.businessStructure ?? ''} autoComplete="off" />
              <datalist id="business-structures">
                {STRUCTURES.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        {text('email', 'Email', { type: 'email' })}
        {text('phone', 'Phone', { type: 'tel' })}
        {text('website', 'Website', { type: 'url', hint: 'For example example.com.au' })}
      </fieldset>
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Tax and registration</legend>
        {text('taxNumber', 'Tax number', { hint: 'TFN, IRD or similar.' })}
        {text('businessNumber', 'Business number', { hint: 'ABN, EIN, NZBN or company number.' })}
      </fieldset>
      {(['street', 'postal'] as const).map((kind) => (
        <fieldset key={kind} className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-base font-semibold">{kind === 'street' ? 'Street address' : 'Postal address'}</legend>
          {text(`${kind}Line1`, 'Address line 1')}
          {text(`${kind}Line2`, 'Address line 2')}
          {text(`${kind}City`, 'City')}
          {text(`${kind}Region`, 'State or region')}
          {text(`${kind}Postcode`, 'Postcode')}
          {text(`${kind}Country`, 'Country')}
        </fieldset>
      ))}
      <ContactsEditor contacts={contacts} onChange={setContacts} errors={errors} />
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
