'use client';

import { type RefObject, useEffect } from 'react';

/**
 * After the server refuses a form, focus goes to its first field marked invalid (Field sets
 * `aria-invalid`), so a keyboard or screen-reader user lands on what to fix instead of on the
 * submit button, with the field's error read out as its description. `result` is the action's
 * state: each refusal is a new object, so a second refusal moves focus again.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, result: unknown): void {
  useEffect(() => {
    if (!result) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, result]);
}
