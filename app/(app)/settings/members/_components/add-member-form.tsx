'use client';

import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid';
import { useKeepValuesSubmit } from '@/components/ui/use-keep-values-submit';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import type { ActionResult } from '@/lib/dal/action';
import { addMemberFormAction } from '../actions';

export function AddMemberForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(addMemberFormAction, null);
  const onSubmit = useKeepValuesSubmit(action);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  useEffect(() => {
    if (state?.ok) router.push('/settings/members?added=1');
  }, [state, router]);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="max-w-lg space-y-4" noValidate>
      {state && !state.ok && state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field id="name" label="Name" errors={errors.name} required>
        {(p) => <Input {...p} name="name" autoComplete="off" required />}
      </Field>
      <Field id="email" label="Email" errors={errors.email} required>
        {(p) => <Input {...p} name="email" type="email" autoComplete="off" required />}
      </Field>
      <Field id="password" label="Initial password" hint="At least 10 characters. Share it with them privately." errors={errors.password} required>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="role" label="Role" hint="Admins manage members, integrations and sync settings. Authors write proposals." errors={errors.role}>
        {(p) => (
          <Select {...p} name="role" defaultValue="author">
            <option value="author">Author</option>
            <option value="admin">Admin</option>
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add member'}
      </Button>
    </form>
  );
}
