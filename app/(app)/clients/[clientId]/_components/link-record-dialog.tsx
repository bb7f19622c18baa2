'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useId, useRef, useState, useTransition } from 'react';
import { ClientDetails } from '@/components/client-picker/client-details';
import { PickerQueryProvider } from '@/components/client-picker/query-provider';
import { useClientSearch } from '@/components/client-picker/use-client-search';
import { Button } from '@/components/ui/button';
import { handFocusTo } from '@/components/ui/focus-handoff';
import { inputClass } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AppId } from '@/lib/apps/ids';
import { APPS } from '@/lib/apps/registry';
import { type LinkCandidate, linkCandidatesFor } from '@/lib/clients/link-candidates';
import { type AppFlow, linkEffectText } from '@/lib/clients/sync-section-text';
import { countOf } from '@/lib/format/count';
import { linkClientToRecordAction, relinkClientAction } from '../actions';
import { forgetClientSearches } from './forget-client-searches';
import { SYNC_HEADING_ID } from './sync-section-ids';
import { DIALOG_OVERLAY_CLASS } from '@/components/ui/dialog-styles';

/**
 * Link to… / Relink: choose one of the app's records by searching its directory with the
 * client picker's own search (GET /api/client-search, the same hook), then confirm. Two
 * steps on purpose: a link decides which record's values flow into this client.
 */
export function LinkRecordDialog({
  clientId,
  clientName,
  app,
  mode,
  flow,
}: {
  clientId: string;
  clientName: string;
  app: AppId;
  mode: 'link' | 'relink';
  /** The app's saved settings: what the link will do, said once a record is chosen. */
  flow: AppFlow | null;
}) {
  const [open, setOpen] = useState(false);
  // Closed by a link change (not Cancel or Escape): focus goes on to the Sync heading, not back to the trigger.
  const changed = useRef(false);
  const { shortLabel, recordsNoun = 'clients' } = APPS[app];
  const trigger = mode === 'link' ? `Link to ${shortLabel}…` : 'Relink…';
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary" aria-label={mode === 'relink' ? `Relink to another ${shortLabel} record` : undefined}>
          {trigger}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={DIALOG_OVERLAY_CLASS} />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100vh-2rem)] w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white p-6 shadow-xl"
          // After a link change Radix would put focus back on the trigger: Relink's stays on the page,
          // so the section's heading would never get it (focus is handed on only from where it was
          // asked, or from nowhere). Left on the body instead, it goes to the heading once the
          // section is re-drawn with the change (Link to…'s trigger goes with that anyway).
          onCloseAutoFocus={(event) => {
            if (!changed.current) return;
            changed.current = false;
            event.preventDefault();
          }}
        >
          <Dialog.Title className="text-lg font-semibold">
            {mode === 'link' ? `Link ${clientName} to ${shortLabel}` : `Relink ${clientName} to another ${shortLabel} record`}
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">
            Search {shortLabel}’s {recordsNoun}, choose one, then confirm. {shortLabel}’s next sync compares that record with this client and records every value it changes.
          </Dialog.Description>
          <PickerQueryProvider>
            <LinkSearch
              clientId={clientId}
              clientName={clientName}
              app={app}
              mode={mode}
              flow={flow}
              onDone={() => {
                changed.current = true;
                setOpen(false);
              }}
            />
          </PickerQueryProvider>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function LinkSearch({
  clientId,
  clientName,
  app,
  mode,
  flow,
  onDone,
}: {
  clientId: string;
  clientName: string;
  app: AppId;
  mode: 'link' | 'relink';
  flow: AppFlow | null;
  /** The link changed: closes the dialog, focus going on to the Sync heading. */
  onDone: () => void;
}) {
  const router = useRouter();
  const id = useId();
  const { shortLabel, recordsNoun = 'clients' } = APPS[app];
  // Starts with the client's name: the record is most often found by it (a trial typed it out each time).
  const [query, setQuery] = useState(clientName);
  const [chosen, setChosen] = useState<LinkCandidate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const search = useClientSearch(query);
  const { candidates, linkedElsewhere, hasMore } = linkCandidatesFor(query.trim() ? search.data : undefined, app, clientId);

  const status = !query.trim()
    ? ''
    : search.isError
      ? search.error.message
      : !search.settled
        ? 'Searching…'
        : candidates.length === 0
          ? `No unlinked ${shortLabel} ${recordsNoun} match “${query.trim()}”.`
          : `${countOf(candidates.length, `${shortLabel} ${recordsNoun === 'companies' ? 'company' : 'client'}`, `${shortLabel} ${recordsNoun}`)} found.${hasMore ? ' Keep typing to see others.' : ''}`;

  const confirm = () => {
    if (!chosen) return;
    startTransition(async () => {
      const action = mode === 'link' ? linkClientToRecordAction : relinkClientAction;
      const result = await action({ clientId, app, externalId: chosen.externalId });
      if (!result.ok) {
        setError(result.formError ?? 'That did not work. Try again.');
        return;
      }
      forgetClientSearches();
      handFocusTo(SYNC_HEADING_ID);
      onDone();
      router.replace(`/clients/${clientId}?saved=${mode === 'link' ? 'linked' : 'relinked'}-${app}`);
    });
  };

  // ArrowDown from the search box goes into the results, and the arrows move along them
  // (a trial pressed ArrowDown and nothing moved); ArrowUp from the first goes back to the
  // box. Tab still works too. In the box itself ArrowUp stays the caret's.
  const moveFocus = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    // Shift+ArrowDown selects text, and a key while an input method composes is its own.
    if (event.shiftKey || event.altKey || event.metaKey || event.ctrlKey || event.nativeEvent.isComposing) return;
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const inBox = event.target === inputRef.current;
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (buttons.length === 0 || (at < 0 && !(inBox && event.key === 'ArrowDown'))) return;
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : at - 1;
    event.preventDefault();
    (next < 0 ? inputRef.current : buttons[next])?.focus();
  };
  // The name is selected when the dialog opens (typing replaces it), not each time focus
  // comes back to the box: coming back by ArrowUp or Shift+Tab, typing goes on from the query.
  const selectedOnce = useRef(false);

  return (
    <div className="mt-4 flex min-h-0 flex-col gap-3" onKeyDown={moveFocus}>
      <div>
        <Label htmlFor={`${id}-q`}>
          Search {shortLabel}’s {recordsNoun}
        </Label>
        <input
          ref={inputRef}
          id={`${id}-q`}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
            setError(null);
          }}
          // Selected when the dialog opens: typing replaces the name; leaving it searches by it.
          onFocus={(event) => {
            if (selectedOnce.current) return;
            selectedOnce.current = true;
            event.currentTarget.select();
          }}
          placeholder="Type a name"
          aria-describedby={`${id}-status`}
          className={`${inputClass} mt-1`}
        />
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="text-sm text-slate-700">
        {status}
      </p>
      {candidates.length > 0 ? (
        <ul
          ref={listRef}
          aria-label={`Matching ${shortLabel} ${recordsNoun}`}
          className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
        >
          {candidates.map((candidate) => (
            <li key={candidate.key}>
              <button
                type="button"
                aria-pressed={chosen?.key === candidate.key}
                onClick={() => {
                  setChosen(candidate);
                  setError(null);
                }}
                className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 aria-pressed:bg-brand-50 aria-pressed:outline-2 aria-pressed:outline-brand-600"
              >
                <span className="block font-medium text-slate-900 [overflow-wrap:anywhere]">
                  {candidate.name}
                  {candidate.isProspect ? <span className="ml-2 text-xs font-normal text-slate-600">(prospect)</span> : null}
                </span>
                <span className="block text-xs [overflow-wrap:anywhere]">
                  <ClientDetails email={candidate.email} city={candidate.city} taxNumberEnding={candidate.taxNumberEnding} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {linkedElsewhere.length > 0 ? (
        <p className="text-xs text-slate-700">
          Already linked to other clients, so not offered: {linkedElsewhere.map((c) => c.name).join(', ')}. Unlink it there first to link it here.
        </p>
      ) : null}
      {chosen ? (
        // Before Link is pressed: which way values will go, and a rename, said in words.
        <p id={`${id}-effect`} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="link-effect">
          {linkEffectText(app, flow, { client: clientName, record: chosen.name })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-end gap-3">
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        {/* Waits while it saves (pending, not disabled), keeping focus: a refusal is said right above it. */}
        <Button onClick={confirm} disabled={!chosen} pending={pending} aria-describedby={chosen ? `${id}-chosen ${id}-effect` : `${id}-chosen`}>
          {pending ? 'Saving…' : mode === 'link' ? 'Link' : 'Relink'}
        </Button>
      </div>
      <p id={`${id}-chosen`} className="sr-only">
        {chosen ? `Chosen: ${chosen.name}` : `Choose one of ${shortLabel}’s records first`}
      </p>
    </div>
  );
}
