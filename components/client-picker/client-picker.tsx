'use client';

import { Command } from 'cmdk';
import Link from 'next/link';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PickerEntry } from '@/lib/dal/client-picker/search';
import type { NameSearch } from '@/lib/dal/client-picker/search-terms';
import type { AppId } from '@/lib/sync/canonical-client';
import { inputClass } from '@/components/ui/input';
import { noMatchText, resultsAnnouncement } from './announce';
import { bestEntry } from './best-entry';
import { highlightAfterResults } from './highlight-after-results';
import { PICKER_INPUT_ATTRIBUTE } from './focus-picker';
import { pickerPlaceholder } from './placeholder';
import { ClientDetails } from './client-details';
import { HighlightedName } from './highlighted-name';
import { GROUP_HEADING, SourceBadges } from './source-badges';
import { useClientSearch } from './use-client-search';

const CREATE_VALUE = 'create-new-client';

/**
 * The client picker: a combobox (cmdk handles the list semantics, arrows, Home/End and
 * Enter) that searches the practice's clients and the XPM and Gusto directories as the
 * author types. Escape closes the list, and a second Escape clears the text.
 */
export function ClientPicker({
  connectedApps,
  isAdmin,
  labelledBy,
  describedBy,
  onPick,
  onCreateNew,
}: {
  connectedApps: readonly AppId[];
  isAdmin: boolean;
  /** The id of a visible label on the page, which then names the input instead of cmdk's hidden one. */
  labelledBy?: string;
  describedBy?: string;
  onPick: (entry: PickerEntry) => void;
  onCreateNew: (typedName: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const search = useClientSearch(query);
  const groups = query.trim() && search.data ? search.data.groups : [];

  // cmdk always says aria-expanded="true"; say what is true. React leaves the attribute
  // alone afterwards because cmdk's value never changes.
  useLayoutEffect(() => {
    inputRef.current?.setAttribute('aria-expanded', String(open));
  });
  // The same for its name: the page's visible label, not cmdk's screen-reader-only one (then
  // not rendered, so the name is not read out twice).
  useLayoutEffect(() => {
    if (labelledBy) inputRef.current?.setAttribute('aria-labelledby', labelledBy);
  });

  // The highlighted option is what a screen reader announces (aria-activedescendant), from
  // the first result on — cmdk only names it once an arrow key moved the highlight, so until
  // then the list looked highlighted but was silent. Same key as Enter picks.
  const listRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const option = open && active ? listRef.current?.querySelector(`[cmdk-item][data-value="${CSS.escape(active)}"]`) : null;
    if (option?.id) input.setAttribute('aria-activedescendant', option.id);
    else input.removeAttribute('aria-activedescendant');
  });

  // Whenever the listed options change, highlight the best match of any group, so Enter
  // picks it — unless the author chose another option with the arrow keys and it is still
  // listed (state adjusted during render, React's pattern for state derived from changing
  // input). State, not a ref, because render reads it.
  const [chosenWithArrows, setChosenWithArrows] = useState(false);
  const best = bestEntry(groups);
  const bestKey = best?.key ?? (query.trim() ? CREATE_VALUE : '');
  const listed = groups.flatMap((group) => group.entries.map((entry) => entry.key));
  if (query.trim()) listed.push(CREATE_VALUE);
  const listedNow = `${bestKey}\n${listed.join('\n')}`;
  const [highlightFor, setHighlightFor] = useState(listedNow);
  if (highlightFor !== listedNow) {
    setHighlightFor(listedNow);
    setActive(highlightAfterResults({ current: active, chosenWithArrows, best: bestKey, listed }));
  }

  const announcement =
    !open || !query.trim()
      ? ''
      : search.isError
        ? search.error.message
        : search.settled && search.data
          ? resultsAnnouncement(query.trim(), search.data.groups, search.data.searched)
          : '';

  const close = () => setOpen(false);
  const pick = (entry: PickerEntry) => {
    onPick(entry);
    setQuery('');
    close();
  };

  // Enter pressed right after typing, before the results for the typed text arrived: pick
  // the best of them when they do (not "Create new client", which is all a list may offer
  // before any result is in) — or, when nothing matched, open "Create new client", the one
  // option left (the press was swallowed before). Once the author has moved the highlight
  // with the arrows, Enter means the entry they chose, as always.
  const enterWhileSearching = useRef<string | null>(null);
  useEffect(() => {
    const waitingFor = enterWhileSearching.current;
    if (waitingFor === null || !search.settled) return;
    enterWhileSearching.current = null;
    if (waitingFor === query.trim() && best) pick(best);
    else if (waitingFor === query.trim() && !search.isError && groups.length === 0) onCreateNew(waitingFor);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') setChosenWithArrows(true);
    if (event.key === 'Enter' && query.trim() && !search.settled && !chosenWithArrows) {
      event.preventDefault();
      event.stopPropagation(); // cmdk would pick from results for an older text
      enterWhileSearching.current = query.trim();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open) close();
      else setQuery('');
    } else if (event.key === 'Home' || event.key === 'End') {
      event.stopPropagation(); // move the caret in the text, not the highlight in the list
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !open && query.trim()) {
      setOpen(true);
    }
  };

  const noApps = connectedApps.length === 0;
  return (
    <div className="relative">
      <Command
        shouldFilter={false}
        loop
        label="Find a client"
        className={labelledBy ? '[&>[cmdk-label]]:hidden' : undefined}
        value={active}
        onValueChange={setActive}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) close();
        }}
      >
        <Command.Input
          ref={inputRef}
          value={query}
          onValueChange={(value) => {
            setChosenWithArrows(false);
            setQuery(value);
            setOpen(value.trim() !== '');
          }}
          onFocus={() => setOpen(query.trim() !== '')}
          onKeyDown={onKeyDown}
          placeholder={pickerPlaceholder(connectedApps)}
          aria-describedby={describedBy}
          className={inputClass}
          {...{ [PICKER_INPUT_ATTRIBUTE]: '' }}
        />
        <div
          hidden={!open}
          // Keep focus in the input when a result is clicked.
          onMouseDown={(event) => event.preventDefault()}
          className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-md border border-slate-300 bg-white shadow-lg"
        >
          <Command.List ref={listRef} label="Matching clients" className="max-h-[26rem] overflow-y-auto p-1">
            {groups.map((group) => (
              <Command.Group
                key={group.source}
                heading={group.hasMore ? `${GROUP_HEADING[group.source]} (first ${group.entries.length})` : GROUP_HEADING[group.source]}
                className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-600 [&_[cmdk-group-heading]]:uppercase"
              >
                {group.entries.map((entry) => (
                  <Command.Item key={entry.key} value={entry.key} onSelect={() => pick(entry)} className={itemClass}>
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">
                        <HighlightedName name={entry.name} ranges={entry.highlight} />
                      </span>
                      <SourceBadges sources={entry.sources} />
                      {entry.isProspect ? <span className="text-xs text-slate-600">(prospect)</span> : null}
                    </span>
                    <span className="block text-xs">
                      <ClientDetails email={entry.email} city={entry.city} taxNumberEnding={entry.taxNumberEnding} />
                    </span>
                  </Command.Item>
                ))}
              </Command.Group>
            ))}
            {query.trim() ? (
              <Command.Group heading="Not listed?" className="[&_[cmdk-group-heading]]:sr-only">
                <Command.Item value={CREATE_VALUE} onSelect={() => onCreateNew(query.trim())} className={itemClass}>
                  <span className="font-medium text-brand-800">+ Create new client “{query.trim()}”</span>
                </Command.Item>
              </Command.Group>
            ) : null}
          </Command.List>
          <PanelStatus
            searching={!search.settled && groups.length === 0}
            failed={search.isError}
            empty={search.settled && !search.isError && groups.length === 0}
            query={query.trim()}
            searched={search.data?.searched ?? 'within'}
          />
          {noApps ? <NoAppsNote isAdmin={isAdmin} /> : null}
        </div>
      </Command>
      <p aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

const itemClass = 'cursor-pointer rounded-md px-2 py-2 text-sm data-[selected=true]:bg-brand-50 data-[selected=true]:outline-2 data-[selected=true]:outline-brand-600';

/** Seen, not heard (the live region above says it): the same words as the announcement. */
function PanelStatus({ searching, failed, empty, query, searched }: { searching: boolean; failed: boolean; empty: boolean; query: string; searched: NameSearch }) {
  if (!query) return null;
  const text = failed ? 'Search failed. Keep typing to try again.' : searching ? 'Searching…' : empty ? noMatchText(query, searched) : null;
  return text ? <p className="border-t border-slate-200 px-3 py-2 text-sm text-slate-700">{text}</p> : null;
}

/** The empty state that teaches: where XPM and Gusto clients would come from. */
function NoAppsNote({ isAdmin }: { isAdmin: boolean }) {
  return (
    <p className="border-t border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700">
      XPM clients and Gusto companies appear here once XPM or Gusto is connected.{' '}
      {isAdmin ? (
        <Link href="/integrations" className="font-medium text-brand-700 underline">
          Connect them on Integrations
        </Link>
      ) : (
        'Ask a practice admin to connect them on Integrations.'
      )}
    </p>
  );
}
