'use client';

import { type FormEvent, startTransition } from 'react';

/**
 * React 19 resets a form after its `action` runs — even when the server refused the input —
 * which would throw away everything the person typed. Submitting through onSubmit keeps the
 * fields as they are, so a validation error never loses work.
 */
export function useKeepValuesSubmit(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
}
