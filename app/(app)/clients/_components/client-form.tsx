'use client';

import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import { useActionState, useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { ClientFormState } from '../actions';
import type { ClientInput } from '@/lib/validation/client';
import { ContactsEditor, type ContactDraft } from '@/components/clients/contacts-editor';
import { clientErrorSummary, errorsAfterEdit, type FieldErrors } from '@/components/clients/client-form-errors';
import { ErrorSummary } from '@/components/proposals/error-summary';
import { DuplicateHint } from '@/components/clients/duplicate-hint';
import { CONFIRMED_DUPLICATES_FIELD, DuplicateRefusal } from '@/components/clients/duplicate-refusal';
import { formSnapshot } from '@/components/leave-guard/form-snapshot';
import { useUnsavedChangesGuard } from '@/components/leave-guard/use-unsaved-changes-guard';
import type { ClientSourceNotice } from '@/lib/clients/source-notice';
import { partOfField } from '@/lib/clients/fields-from-app';
import { FromAppMark, SOURCE_NOTICE_ID, SourceNotice } from './source-notice';

/** The schema's client fields, with contacts as editable rows. */
export type ClientFormValues = Omit<ClientInput, 'contacts'> & { contacts: ContactDraft[] };

type TextField = Exclude<keyof ClientFormValues, 'contacts'>;

const EDIT_UNSAVED_MESSAGE = 'This client has unsaved changes. Leave without saving them?';
const NEW_UNSAVED_MESSAGE = 'This new client has not been created. Leave without creating it?';
/** Not typed into the client: the version the edit started from, and a refused save's "different business" box. */
const BOOKKEEPING_FIELDS = ['version', CONFIRMED_DUPLICATES_FIELD];

const STRUCTURES = ['Company', 'Sole Trader', 'Partnership', 'Trust', 'LLC', 'S Corporation', 'C Corporation', 'Non-profit', 'Individual'];

export function ClientForm({
  action,
  initial,
  version,
  clientId = null,
  submitLabel,
  taxNumberMaskedEnding = null,
  source = null,
}: {
  action: (state: ClientFormState, formData: FormData) => Promise<ClientFormState>;
  initial?: ClientFormValues;
  version?: number;
  /** The client being edited (its own name and tax number are no duplicate); null for a new one. */
  clientId?: string | null;
  submitLabel: string;
  /** The ending XPM showed of a tax number we do not have whole: the field's hint says so. */
  taxNumberMaskedEnding?: string | null;
  /** The app whose next change replaces what is typed here, and in which fields; null when none does. */
  source?: ClientSourceNotice | null;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const onSubmit = useKeepValuesSubmit(formAction);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const [contacts, setContacts] = useState<ContactDraft[]>(initial?.contacts ?? []);
  // The refused save's errors, each dropped as soon as its field is fixed (errorsAfterEdit).
  const [errors, setErrors] = useState<FieldErrors>({});
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setErrors(state && !state.ok ? (state.fieldErrors ?? {}) : {});
  }
  // What the duplicate check is asked about, as typed.
  const [probe, setProbe] = useState({ name: initial?.name ?? '', taxNumber: initial?.taxNumber ?? '' });
  const summary = clientErrorSummary(
    errors,
    contacts.map((c) => c.key),
  );
  // Leaving with anything typed asks first (as the proposal editor does). The fields are
  // uncontrolled: edits are what differs from the values the page was shown with (each
  // field's default), so even what was typed before the page hydrated counts.
  const baseline = useRef<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const checkDirty = () => {
    if (!formRef.current || baseline.current === null) return;
    setDirty(formSnapshot(new FormData(formRef.current), BOOKKEEPING_FIELDS) !== baseline.current);
  };
  useEffect(() => {
    if (!formRef.current) return;
    const shown = formRef.current.cloneNode(true) as HTMLFormElement;
    shown.reset();
    baseline.current = formSnapshot(new FormData(shown), BOOKKEEPING_FIELDS);
  }, []);
  // Also on arrival, and when a contact row is added or removed (no change event then).
  useEffect(checkDirty, [contacts]);
  // While saving, the page is about to change (a saved client opens its own page): no question.
  useUnsavedChangesGuard(dirty && !pending, clientId ? EDIT_UNSAVED_MESSAGE : NEW_UNSAVED_MESSAGE);
  // A refused save moves focus to what went wrong, so keyboard and screen-reader users meet it first.
  useEffect(() => {
    if (state && !state.ok) statusRef.current?.focus();
  }, [state]);

  // "From XPM" on each field the source's values replace, first in its hint; an address and the
  // contacts once, on their group's legend (a screen reader hears it on entering the group):
  // a badge under each of twelve address fields said nothing more.
  const markOf = (field: string, spoken: 'hint' | 'legend') => {
    const part = partOfField(field);
    return source && part && source.parts.includes(part) ? <FromAppMark app={source.app} spoken={spoken} /> : null;
  };
  const hintOf = (field: string, hint: string | undefined) => {
    const part = partOfField(field);
    const mark = part === 'streetAddress' || part === 'postalAddress' ? null : markOf(field, 'hint');
    if (!mark) return hint;
    return hint ? (
      <>
        {mark} {hint}
      </>
    ) : (
      mark
    );
  };
  const legendMark = (field: string) => {
    const mark = markOf(field, 'legend');
    return mark ? <> {mark}</> : null;
  };

  const text = (name: TextField, label: string, options: { type?: string; autoComplete?: string; required?: boolean; hint?: string } = {}) => (
    <Field id={`client-${name}`} label={label} errors={errors[name]} required={options.required} hint={hintOf(name, options.hint)}>
      {(p) => (
        <Input {...p} name={name} type={options.type ?? 'text'} autoComplete={options.autoComplete ?? 'off'} defaultValue={initial?.[name] ?? ''} required={options.required} />
      )}
    </Field>
  );

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onChange={(event) => {
        const { name, value } = event.target as unknown as { name?: unknown; value?: unknown };
        if (typeof name !== 'string' || !formRef.current) return;
        checkDirty();
        if ((name === 'name' || name === 'taxNumber') && typeof value === 'string') setProbe((p) => ({ ...p, [name]: value }));
        const next = errorsAfterEdit(errors, new FormData(formRef.current), name);
        if (next !== errors) setErrors(next);
      }}
      className="space-y-8"
      noValidate
      aria-describedby={source ? `client-form-status ${SOURCE_NOTICE_ID}` : 'client-form-status'}
    >
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <div id="client-form-status" ref={statusRef} tabIndex={-1} className="rounded-md">
        {/* Once every named field is fixed, nothing is left to say until the next save. */}
        {state && !state.ok && state.formError && !(Object.keys(state.fieldErrors ?? {}).length > 0 && summary.length === 0) ? (
          <Alert tone="error">
            {/* With named fields, the summary says it ("2 fields need attention:"); one heading, not two. */}
            {summary.length > 0 ? (
              <>
                The client was not saved.
                <ErrorSummary entries={summary} />
              </>
            ) : 'duplicates' in state ? (
              <DuplicateRefusal duplicates={state.duplicates} />
            ) : (
              state.formError
            )}
          </Alert>
        ) : null}
      </div>
      {source ? <SourceNotice notice={source} /> : null}
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Details</legend>
        {text('name', 'Name', { required: true, autoComplete: 'organization' })}
        {text('legalName', 'Legal name')}
        {text('tradingName', 'Trading name')}
        <Field id="client-businessStructure" label="Business structure" errors={errors.businessStructure} hint={hintOf('businessStructure', undefined)}>
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
        <div className="md:col-span-2">
          <DuplicateHint name={probe.name} taxNumber={probe.taxNumber} editingClientId={clientId} />
        </div>
      </fieldset>
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Tax and registration</legend>
        {text('taxNumber', 'Tax number', {
          hint: taxNumberMaskedEnding
            ? `XPM shows only the ending ${taxNumberMaskedEnding}. Type the whole number to keep it here; it replaces the ending.`
            : 'TFN, IRD or similar.',
        })}
        {text('businessNumber', 'Business number', { hint: 'ABN, EIN, NZBN or company number.' })}
      </fieldset>
      {(['street', 'postal'] as const).map((kind) => (
        <fieldset key={kind} className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-base font-semibold">
            {kind === 'street' ? 'Street address' : 'Postal address'}
            {legendMark(`${kind}Address`)}
          </legend>
          {text(`${kind}Line1`, 'Address line 1')}
          {text(`${kind}Line2`, 'Address line 2')}
          {text(`${kind}City`, 'City')}
          {text(`${kind}Region`, 'State or region')}
          {text(`${kind}Postcode`, 'Postcode')}
          {text(`${kind}Country`, 'Country')}
        </fieldset>
      ))}
      <ContactsEditor
        legendNote={legendMark('contacts')}
        contacts={contacts}
        onChange={(next) => {
          setContacts(next);
          // Contact errors are by position, and a removed row moves the ones after it.
          if (next.length !== contacts.length) setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith('contacts'))));
        }}
        errors={errors}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
        <p className="text-sm text-slate-700" aria-live="polite">
          {dirty && !pending ? 'Unsaved changes' : ''}
        </p>
      </div>
    </form>
  );
}
