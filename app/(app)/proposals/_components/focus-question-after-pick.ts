'use client';

import { useEffect, useRef } from 'react';
import { PICKER_INPUT_ATTRIBUTE } from '@/components/client-picker/focus-picker';
import type { ClientSelection } from '@/components/client-picker/selection';
import type { AdoptionPlan } from '@/lib/dal/client-picker/adopt-directory-record';

/**
 * After an XPM client or Gusto company is picked, a question the save waits for (which of your
 * clients it is; whether a look-alike is it) takes focus when its plan arrives: the question is
 * drawn above the picker, so focus left in the picker went on by Tab to the service lines and
 * Save, and the save was refused (a keyboard user trial). Only while focus is still in the
 * picker: where the author has moved on, focus stays theirs. Once per pick.
 *
 * The answer a namesake question waits for is its first radio (read with its group's question);
 * the look-alikes' is the group itself, so its legend is read and Tab goes on to each "Use this
 * instead" in turn.
 */
export function useFocusQuestionAfterPick(selection: ClientSelection, plan: AdoptionPlan | null) {
  const pickedRecord = useRef<string | null>(null);
  useEffect(() => {
    if (selection.kind !== 'external' || !plan || pickedRecord.current !== selection.externalId) return;
    pickedRecord.current = null;
    if (!document.activeElement?.hasAttribute(PICKER_INPUT_ATTRIBUTE)) return;
    const question =
      plan.kind === 'choose'
        ? document.querySelector<HTMLElement>('input[name="link-to-client"]')
        : plan.kind === 'create' && plan.duplicates.length > 0
          ? document.querySelector<HTMLElement>('[data-client-question]')
          : null;
    question?.focus();
  }, [selection, plan]);
  return {
    /** Called as a record is picked from the picker (not when a save asks again). */
    picked: (next: ClientSelection) => {
      pickedRecord.current = next.kind === 'external' ? next.externalId : null;
    },
  };
}
