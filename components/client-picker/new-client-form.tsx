'use client';

import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState, useTransition } from 'react';
import { Alert, alertVariants } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import type { ActionFailure, ActionResult } from '@/lib/dal/action';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import { LikelyDuplicateList } from './likely-duplicate-list';
import { fetchJson } from './use-client-search';
import { useDebouncedValue } from './use-debounced-value';

interface Draft {
  name: string;
  email: string;
  taxNumber: string;
}

/**
 * Creates the client (a server action the page hands down: shared components never import
 * a route's actions). `duplicatesReviewed`: the likely duplicates were shown first.
 */
export type CreatePickerClient = (input: Draft & { duplicatesReviewed: boolean }) => Promise<ActionResult<{ id: string; name: string }>>;

function useLikelyDuplicates(draft: Draft) {
  const debounced = useDebouncedValue(draft, 250);
  const params = new URLSearchParams({ name: debounced.name.trim(), email: debounced.email.trim(), taxNumber: debounced.taxNumber.trim() });
  const query = useQuery({
    queryKey: ['client-duplicates', params.toString()],
    queryFn: ({ signal }) => fetchJson<{ duplicates: LikelyDuplicate[] }>(`/api/client-search/duplicates?${params}`, signal),
    enabled: debounced.name.trim() !== '',
  });
  const current = debounced.name === draft.name && debounced.email === draft.email && debounced.taxNumber === draft.taxNumber;
  return { duplicates: query.data?.duplicates ?? [], checking: !current || query.isFetching, failed: query.isError };
}

/**
 * "Create new client" from the picker: a short form prefilled with what was typed, which
 * FIRST shows the likely duplicates across the practice, XPM and Gusto, each with "Use
 * this instead". Creating anyway is allowed once they have been shown.
 */
export function NewClientForm({
  initialName,
  createClient,
  onCreated,
  onUseInstead,
  onCancel,
}: {
  initialName: string;
  createClient: CreatePickerClient;
  onCreated: (client: { id: string; name: string; email: string | null }) => void;
  onUseInstead: (duplicate: LikelyDuplicate) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>({ name: initialName, email: '', taxNumber: '' });
  // The last refusal: its field errors and form error are shown, and each refusal (a new
  // object) moves focus to the first field to fix, as in every other form of the app.
  const [refusal, setRefusal] = useState<ActionFailure | null>(null);
  const errors = refusal?.fieldErrors ?? {};
  const formError = refusal?.formError ?? null;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, refusal);
  const [pending, startTransition] = useTransition();
  const nameRef = useRef<HTMLInputElement>(null);
  const { duplicates, checking, failed } = useLikelyDuplicates(draft);
  const warned = duplicates.length > 0;

  useEffect(() => nameRef.current?.focus(), []);

  // "Create client" pressed while the duplicate check runs (typing, then Tab and Enter, is
  // quicker than the check): the press is kept and acted on when the check ends — creating if
  // it found nothing, showing the warning (and "Create anyway") if it did. It was ignored.
  const createAfterCheck = useRef(false);
  const set = (field: keyof Draft) => (event: React.ChangeEvent<HTMLInputElement>) => {
    createAfterCheck.current = false; // a new value is a new check: the person presses again
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  };

  const create = () => {
    startTransition(async () => {
      const result = await createClient({ ...draft, duplicatesReviewed: warned });
      if (!result.ok) {
        setRefusal(result);
        return;
      }
      onCreated({ id: result.data.id, name: result.data.name, email: draft.email.trim().toLowerCase() || null });
    });
  };

  useEffect(() => {
    if (!createAfterCheck.current || (checking && !failed)) return;
    createAfterCheck.current = false;
    if (!warned) create();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (checking && !failed) {
      createAfterCheck.current = true; // the warning must be seen before creating
      return;
    }
    create();
  };

  return (
    <section aria-labelledby="new-client-heading" className="mt-3 rounded-md border border-slate-300 bg-slate-50 p-4">
      <h3 id="new-client-heading" className="text-sm font-semibold text-slate-900">
        New client
      </h3>
      {/* The one live region for the check's messages: they are styled as alerts but are not
          live regions of their own (an Alert is role=status), or each was read out twice. */}
      <div aria-live="polite" className="mt-2">
        {checking && !warned ? <p className="text-sm text-slate-700">Checking for clients you may already have…</p> : null}
        {failed ? <div className={alertVariants({ tone: 'warning' })}>We couldn&apos;t check for duplicates. You can still create the client.</div> : null}
        {warned ? (
          <div className={alertVariants({ tone: 'warning' })}>
            <p className="font-medium">{duplicates.length === 1 ? 'This may be a client you already have:' : `These ${duplicates.length} may be clients you already have:`}</p>
            <LikelyDuplicateList duplicates={duplicates} keyOf={(d) => d.key} onUseInstead={onUseInstead} />
          </div>
        ) : null}
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="mt-3 grid gap-3 md:grid-cols-3">
        {formError ? (
          <Alert tone="error" className="md:col-span-3">
            {formError}
          </Alert>
        ) : null}
        <Field id="new-client-name" label="Client name" required errors={errors.name}>
          {(p) => <Input {...p} ref={nameRef} value={draft.name} onChange={set('name')} autoComplete="off" required />}
        </Field>
        <Field id="new-client-email" label="Email" errors={errors.email}>
          {(p) => <Input {...p} type="email" value={draft.email} onChange={set('email')} autoComplete="off" />}
        </Field>
        <Field id="new-client-tax" label="Tax number" errors={errors.taxNumber}>
          {(p) => <Input {...p} value={draft.taxNumber} onChange={set('taxNumber')} autoComplete="off" />}
        </Field>
        <div className="flex gap-2 md:col-span-3">
          <Button type="submit" variant={warned ? 'secondary' : 'primary'} pending={pending}>
            {pending ? 'Creating…' : warned ? 'Create anyway' : 'Create client'}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
