'use client';

import { useRef, useState, useTransition } from 'react';
import { previewPickAction } from '../actions';
import type { ClientSelection } from '@/components/client-picker/selection';
import type { PickedRecord } from '@/components/proposals/pick-to-ask-again';
import type { AdoptionPlan } from '@/lib/dal/client-picker/adopt-directory-record';

/**
 * What saving will do with a picked XPM client or Gusto company (the server's plan, shown by
 * plan-note.tsx). Asked when a record is picked, and asked again when a save finds that the plan
 * the author answered no longer holds — so the page never keeps showing a question the server
 * has stopped asking.
 *
 * `onAlreadyLinked`: the record is already a client here; the editor chooses that client instead.
 *
 * A client chosen with "Use this instead" keeps its record's plan (what linking does is said from
 * it), and a refused save asks for the record's plan again (pickToAskAgain).
 */
export function usePickPlan(onAlreadyLinked: (client: ClientSelection) => void) {
  const [checked, setChecked] = useState<{ externalId: string; plan: AdoptionPlan } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, startChecking] = useTransition();
  // The pick on the page: an answer for an earlier pick, arriving late, must not replace its plan.
  // `usedInstead`: a client was chosen in its place, which an "already linked" must not replace.
  const latest = useRef<{ externalId: string; usedInstead: boolean } | null>(null);

  const ask = (pick: ClientSelection) => {
    latest.current = recordOf(pick);
    setError(null);
    if (pick.kind !== 'external') return;
    startChecking(async () => {
      const result = await previewPickAction({ app: pick.app, externalId: pick.externalId });
      const now = latest.current;
      if (now?.externalId !== pick.externalId) return;
      if (!result.ok) return setError(result.formError ?? 'Could not check this record.');
      const found = result.data;
      if (found.kind === 'already_linked') {
        // The save says so if the record is now another client's (adopt-directory-record.ts).
        if (now.usedInstead) return;
        // Already a client here: choose the client itself, with both badges.
        onAlreadyLinked({ ...pick, kind: 'client', clientId: found.client.id, name: found.client.name, sources: ['practice', ...pick.sources.filter((s) => s !== 'practice')] });
        return;
      }
      setChecked({ externalId: pick.externalId, plan: found });
    });
  };

  return {
    /** A new pick (or none): its plan replaces the last one. */
    ask,
    /** After a refused save: the same pick's plan as it is now, unless another was picked meanwhile. */
    askAgain: (pick: PickedRecord) => {
      if (latest.current?.externalId === pick.externalId) ask(pick);
    },
    /** The plan of the record picked, or of the record a client was used instead of. */
    planFor: (selection: ClientSelection) => {
      const record = recordOf(selection);
      return record && checked?.externalId === record.externalId ? checked.plan : null;
    },
    checking,
    error,
  };
}

export type PickPlan = ReturnType<typeof usePickPlan>;

function recordOf(selection: ClientSelection): { externalId: string; usedInstead: boolean } | null {
  if (selection.kind === 'external') return { externalId: selection.externalId, usedInstead: false };
  if (selection.kind === 'client' && selection.usedInsteadOf) return { externalId: selection.usedInsteadOf.record.externalId, usedInstead: true };
  return null;
}
