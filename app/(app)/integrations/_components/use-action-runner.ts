import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import type { Outcome } from './outcome-status';

/**
 * Runs one of the card's actions and keeps what it said, for an OutcomeStatus with `statusId`:
 * focus goes there from the pressed button (pending, so aria-disabled, meanwhile) once it says
 * something. `say` puts the action's answer, success or refusal, into words; null says nothing.
 */
export function useActionRunner(statusId: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useHandedFocus();
  const run = <R>(action: () => Promise<R>, say: (result: R) => Outcome | null) =>
    startTransition(async () => {
      const said = say(await action());
      if (said) handFocusTo(statusId);
      setOutcome(said);
      // Drawn again after a refusal too: it can mean the connection changed meanwhile (say, XPM
      // was disconnected in another tab), and the card should then say so, not "Connected".
      router.refresh();
    });
  return { pending, outcome, run };
}
