'use client';

import { useState } from 'react';
import { createPickerClientAction } from '../actions';
import { ClientDetails } from '@/components/client-picker/client-details';
import { focusClientPicker } from '@/components/client-picker/focus-picker';
import { LazyClientSearch } from '@/components/client-picker/lazy-client-search';
import { NO_ANSWER, type ClientSelection, type UsedInsteadOf } from '@/components/client-picker/selection';
import { SourceBadges } from '@/components/client-picker/source-badges';
import { Button } from '@/components/ui/button';
import { useFocusQuestionAfterPick } from './focus-question-after-pick';
import { PlanNote } from './plan-note';
import { usedInstead, usedInsteadText } from '@/components/proposals/used-instead';
import type { PickPlan } from './use-pick-plan';
import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import type { PickerEntry } from '@/lib/dal/client-picker/search';
import type { AppId } from '@/lib/sync/canonical-client';

type Shown = Pick<PickerEntry, 'name' | 'sources' | 'email' | 'city' | 'taxNumberEnding'>;

function selectionFor(entry: Shown & { clientId: string | null; external: { app: AppId; externalId: string } | null }): ClientSelection {
  const shown = { name: entry.name, sources: entry.sources, email: entry.email, city: entry.city, taxNumberEnding: entry.taxNumberEnding };
  if (entry.clientId) return { kind: 'client', clientId: entry.clientId, ...shown };
  if (entry.external) return { kind: 'external', ...entry.external, ...NO_ANSWER, ...shown };
  return { kind: 'none' };
}

/**
 * The proposal's client: what is chosen, what saving will do with it (create or link: `pickPlan`,
 * which the editor owns so a refused save can ask for it again), the picker to choose another,
 * and "Create new client".
 */
export function ClientField({
  selection,
  onChange,
  pickPlan,
  connectedApps,
  isAdmin,
  errors,
  readOnly,
  onNewClientFormChange,
}: {
  selection: ClientSelection;
  onChange: (selection: ClientSelection) => void;
  pickPlan: PickPlan;
  connectedApps: readonly AppId[];
  isAdmin: boolean;
  errors?: string[];
  readOnly: boolean;
  onNewClientFormChange: (open: boolean) => void;
}) {
  const [announcement, setAnnouncement] = useState('');

  /** `then`: what else is heard, when the choice does more than set the client (focus moves on, so it is said here). */
  const choose = (next: ClientSelection, then?: string) => {
    onChange(next);
    const set = next.kind === 'none' ? 'Client removed.' : `Client set to ${next.name}${next.name.endsWith('.') ? '' : '.'}`; // "Inc." needs no second stop
    setAnnouncement(then ? `${set} ${then}` : set);
    pickPlan.ask(next);
  };
  const usedInsteadNote = (name: string, of: UsedInsteadOf) => {
    const plan = pickPlan.planFor(selection);
    return usedInsteadText(name, of, plan && plan.kind !== 'already_linked' ? plan.flow : null);
  };

  const useInstead = (duplicate: LikelyDuplicate) => choose(selectionFor(duplicate));
  const questionFocus = useFocusQuestionAfterPick(selection, pickPlan.planFor(selection));

  return (
    <section aria-labelledby="client-heading" className="space-y-3">
      <h2 id="client-heading" className="text-base font-semibold text-slate-900">
        Client
      </h2>
      {selection.kind === 'none' ? (
        <p className="text-sm text-slate-700">{readOnly ? 'No client.' : 'No client chosen yet.'}</p>
      ) : (
        <div className="rounded-md border border-slate-200 bg-white p-3" data-testid="chosen-client">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{selection.name}</span>
                <SourceBadges sources={selection.sources} />
              </p>
              <p className="text-sm">
                <ClientDetails email={selection.email} city={selection.city} taxNumberEnding={selection.taxNumberEnding} />
              </p>
            </div>
            {readOnly ? null : (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  choose({ kind: 'none' });
                  focusClientPicker();
                }}
              >
                Remove client
              </Button>
            )}
          </div>
          {selection.kind === 'client' && selection.usedInsteadOf ? (
            // Not a live region: the same words were heard as the client was set (choose's `then`).
            <p className="mt-2 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="used-instead-note">
              {usedInsteadNote(selection.name, selection.usedInsteadOf)}
            </p>
          ) : null}
          {selection.kind === 'external' ? (
            <PlanNote
              app={selection.app}
              plan={pickPlan.planFor(selection)}
              checking={pickPlan.checking}
              error={pickPlan.error}
              answer={{ linkToClientId: selection.linkToClientId, createNew: selection.createNew, shownClientIds: selection.shownClientIds }}
              errorId={errors?.length ? 'client-errors' : null}
              onAnswer={(answer) => onChange({ ...selection, ...answer })}
              onUseInstead={(duplicate, despiteDifferentNumber) => {
                const next = usedInstead(selection, duplicate, despiteDifferentNumber);
                // The button goes away with the pick: focus returns to the picker, as after the new client form's "Use this instead".
                choose(next, usedInsteadNote(next.name, next.usedInsteadOf));
                focusClientPicker();
              }}
            />
          ) : null}
        </div>
      )}
      {errors?.length ? (
        <p id="client-errors" className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="space-y-1">
          {/* The picker's visible label, which names it (aria-labelledby: the picker loads after
              the page, and cmdk gives its input an id of its own, so there is no `for`). */}
          <label id="client-picker-label" className="block text-sm font-medium text-slate-800" onClick={focusClientPicker}>
            Find a client
          </label>
          <p id="client-picker-hint" className="text-sm text-slate-700">
            {selection.kind === 'none' ? 'Type part of a name' : 'To choose another client, type part of its name'}, choose with the arrow keys and press Enter.
            {connectedApps.length === 0 ? ' Only your Practice Sync clients are searched: no app is connected.' : null}
          </p>
          <LazyClientSearch
            connectedApps={connectedApps}
            isAdmin={isAdmin}
            labelledBy="client-picker-label"
            describedBy="client-picker-hint"
            createClient={createPickerClientAction}
            onPick={(entry) => {
              const next = selectionFor(entry);
              questionFocus.picked(next);
              choose(next);
            }}
            onUseInstead={useInstead}
            onNewClientFormChange={onNewClientFormChange}
            onCreated={(client) =>
              choose({ kind: 'client', clientId: client.id, name: client.name, sources: ['practice'], email: client.email, city: null, taxNumberEnding: null })
            }
          />
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </section>
  );
}
