'use client';

import { type ReactNode, useEffect, useEffectEvent, useMemo, useRef, useState, useTransition } from 'react';
import { createProposalAction, saveProposalAction } from '../actions';
import { NO_CLIENT, type ClientSelection } from '@/components/client-picker/selection';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { ProposalClientSummary, ProposalDetail, ProposalStatusView } from '@/lib/dal/proposals/detail';
import { savedText } from '@/lib/proposals/saved-notice';
import type { AppId } from '@/lib/sync/canonical-client';
import { ClientField } from './client-field';
import { usePickPlan } from './use-pick-plan';
import { pickToAskAgain } from '@/components/proposals/pick-to-ask-again';
import { draftSnapshot, type EditorDraft, errorSummary, linesFromServer, toPayload } from '@/components/proposals/editor-state';
import { enterKeyFacts, enterSaves } from '@/components/proposals/enter-saves';
import { ErrorSummary } from '@/components/proposals/error-summary';
import { LOCKED_INPUT } from '@/components/proposals/locked-input';
import { ProposalStatusActions } from './proposal-status-actions';
import { ProposalStatusBadge } from '@/components/proposals/proposal-status-badge';
import { ServiceLinesEditor } from '@/components/proposals/service-lines-editor';
import { useUnsavedChangesGuard } from '@/components/leave-guard/use-unsaved-changes-guard';
import { charactersLeftHint } from '@/lib/forms/characters-left';
import { TITLE_MAX_LENGTH } from '@/lib/validation/proposal-limits';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { isLeavingThisAddress } from '@/components/shell/navigation-intent';

function selectionFromSummary(client: ProposalClientSummary | null): ClientSelection {
  if (!client) return NO_CLIENT;
  return {
    kind: 'client',
    clientId: client.id,
    name: client.name,
    sources: ['practice', ...client.apps],
    email: client.email,
    city: client.city,
    taxNumberEnding: client.taxNumberEnding,
  };
}

type Message = { tone: 'success' | 'error'; text: string; stale?: boolean };

const NEW_CLIENT_OPEN_MESSAGE = 'Finish the new client first: create it, or cancel the form.';
const NOT_SAVED = 'The proposal was not saved.';
const UNSAVED_CHANGES_MESSAGE = 'This proposal has unsaved changes. Leave without saving them?';

/**
 * The proposal editor: title, client and service lines, saved explicitly. A save only
 * lands on the version this page loaded (a stale save is explained, and the typed edits
 * stay on the page); leaving with unsaved changes asks first; an accepted proposal is
 * shown read-only.
 */
export function ProposalEditor({
  proposal,
  connectedApps,
  isAdmin,
  timezone,
  notice,
  deployment,
}: {
  proposal: ProposalDetail | null;
  connectedApps: readonly AppId[];
  isAdmin: boolean;
  /** The practice's time zone: times read the same here as on every page. */
  timezone: string;
  notice?: string | null;
  /** The accepted proposal's workflow deployment (components/proposals/deployment-panel), from the page. */
  deployment?: ReactNode;
}) {
  const initialDraft = useMemo<EditorDraft>(
    () => ({ title: proposal?.title ?? '', client: selectionFromSummary(proposal?.client ?? null), lines: linesFromServer(proposal?.lines ?? []) }),
    [proposal],
  );
  const proposalId = proposal?.id ?? null;
  const [draft, setDraft] = useState(initialDraft);
  const [baseline, setBaseline] = useState(() => draftSnapshot(initialDraft));
  const [status, setStatus] = useState<ProposalStatusView | null>(proposal);
  const [savedClientName, setSavedClientName] = useState(proposal?.client?.name ?? null);
  const [savedTitle, setSavedTitle] = useState(proposal?.title ?? null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  // "Create new client" is open: what is typed there is part of the unsaved work.
  const [newClientOpen, setNewClientOpen] = useState(false);
  const [message, setMessage] = useState<Message | null>(() => (notice ? { tone: 'success', text: notice } : null));
  const [saving, startSaving] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);

  // While a new proposal is being created its page is about to change: no typing is lost in between.
  const readOnly = status?.status === 'accepted' || (saving && !proposalId);
  const dirty = !readOnly && (newClientOpen || draftSnapshot(draft) !== baseline);
  const summary = errorSummary(errors, draft.lines);
  useUnsavedChangesGuard(dirty, UNSAVED_CHANGES_MESSAGE);

  const show = (next: Message) => {
    setMessage(next);
    // Move focus to the message so keyboard and screen-reader users meet it first.
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  // A message present on arrival ("Proposal saved." after creating, "Copied…") is met
  // first, and leaves the address: a reload shows the proposal, not the old message.
  const arrivedWithNotice = useRef(message !== null);
  useEffect(() => {
    if (!arrivedWithNotice.current) return;
    messageRef.current?.focus();
    // Not when the person already clicked away: the router would drop that navigation (ArrivalNotice).
    if (window.location.search && !isLeavingThisAddress()) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  const edit = (change: Partial<EditorDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    if (change.lines) setErrors({}); // line errors are by position; positions may have changed
  };
  const pickPlan = usePickPlan((client) => edit({ client }));

  const save = () => {
    if (saving || readOnly) return;
    if (newClientOpen) {
      // Saving now would silently drop the half-made client.
      setErrors({ client: [NEW_CLIENT_OPEN_MESSAGE] });
      show({ tone: 'error', text: NOT_SAVED });
      return;
    }
    const sent = draft;
    startSaving(async () => {
      const payload = toPayload(sent);
      const result = proposalId && status ? await saveProposalAction({ ...payload, proposalId, version: status.version }) : await createProposalAction(payload);
      // Creating succeeded: the action is already opening the proposal's own page.
      if (!result) return;
      if (!result.ok) {
        const fieldErrors = result.fieldErrors ?? {};
        setErrors(fieldErrors);
        const again = pickToAskAgain(sent.client, fieldErrors);
        if (again) {
          // The server no longer asks what the page shows (or the author did not answer): show the
          // question as it is now, without the refused answer. The field error stays, linked to it.
          setDraft((d) => (d.client === sent.client ? { ...d, client: again } : d));
          pickPlan.askAgain(again);
        }
        const stale = result.code === 'stale';
        // Named fields are listed under the message (ErrorSummary); otherwise the server says why.
        const text = Object.keys(fieldErrors).length > 0 ? NOT_SAVED : (result.formError ?? NOT_SAVED);
        show({ tone: 'error', text, stale });
        return;
      }
      const saved = result.data;
      const client = selectionFromSummary(saved.client);
      // Edits typed while saving stay, and stay unsaved: the baseline is what was sent.
      setDraft((d) => (d.client === sent.client ? { ...d, client } : d));
      setBaseline(draftSnapshot({ ...sent, client }));
      setStatus(saved.status);
      setSavedClientName(saved.client?.name ?? null);
      setSavedTitle(sent.title.trim());
      setErrors({});
      show({ tone: 'success', text: savedText(saved.clientAdoption, saved.client?.name ?? null) });
    });
  };

  // Ctrl+S (⌘S) saves wherever focus is on the page, never the browser's "Save page as".
  const onSaveShortcut = useEffectEvent((event: globalThis.KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return;
    event.preventDefault();
    save();
  });
  useEffect(() => {
    window.addEventListener('keydown', onSaveShortcut);
    return () => window.removeEventListener('keydown', onSaveShortcut);
  }, []);

  return (
    <>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{savedTitle ?? 'New proposal'}</h1>
        {status ? <ProposalStatusBadge status={status.status} /> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        {/* Enter in a single-line field saves, as in a form; the fields that use Enter themselves keep it (enter-saves.ts). */}
        <div
          className="min-w-0 space-y-6"
          onKeyDown={(event) => {
            if (!enterSaves(enterKeyFacts(event.nativeEvent))) return;
            event.preventDefault();
            save();
          }}
        >
          <div ref={messageRef} tabIndex={-1} className="rounded-md">
            {message ? (
              <Alert tone={message.tone}>
                {message.text}
                {message.tone === 'error' && summary.length > 0 ? <ErrorSummary entries={summary} /> : null}
                {message.stale ? (
                  <div className="mt-2">
                    <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                      Reload the latest version
                    </Button>
                  </div>
                ) : null}
              </Alert>
            ) : null}
          </div>
          {readOnly && status?.acceptedAt ? (
            <Alert tone="info">
              {status.acceptedByClientContact ? `Accepted by ${status.acceptedByClientContact}${savedClientName ? ` for ${savedClientName}` : ''}` : 'Accepted'} on{' '}
              <PracticeDateTime value={status.acceptedAt} timezone={timezone} />, recorded by {status.acceptedByName ?? 'a member'}. The content is locked; copy it to a new draft
              to change it.
            </Alert>
          ) : null}
          {deployment}
          <Field id="proposal-title" label="Title" required errors={errors.title} hint={readOnly ? undefined : charactersLeftHint(draft.title, TITLE_MAX_LENGTH)}>
            {(p) => (
              <Input
                {...p}
                value={draft.title}
                onChange={(e) => edit({ title: e.target.value })}
                readOnly={readOnly}
                className={LOCKED_INPUT}
                autoComplete="off"
                placeholder="e.g. Annual compliance 2026"
                autoFocus={!proposal}
              />
            )}
          </Field>
          <ClientField
            selection={draft.client}
            onChange={(client) => edit({ client })}
            pickPlan={pickPlan}
            connectedApps={connectedApps}
            isAdmin={isAdmin}
            errors={errors.client ?? errors['client.clientId']}
            readOnly={readOnly}
            onNewClientFormChange={(open) => {
              setNewClientOpen(open);
              if (!open) setErrors(({ client: _client, ...rest }) => rest);
            }}
          />
          <ServiceLinesEditor lines={draft.lines} onChange={(lines) => edit({ lines })} errors={errors} readOnly={readOnly} />
          {readOnly ? null : (
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
              <Button onClick={save} aria-disabled={saving ? true : undefined}>
                {saving ? 'Saving…' : proposalId ? 'Save proposal' : 'Create proposal'}
              </Button>
              <p className="text-sm text-slate-700" aria-live="polite">
                {saving ? 'Saving…' : dirty ? 'Unsaved changes' : proposalId ? 'All changes saved' : ''}
              </p>
            </div>
          )}
        </div>
        <aside className="space-y-4">
          {proposalId && status ? (
            <ProposalStatusActions
              proposalId={proposalId}
              status={status}
              dirty={dirty}
              savedClientName={savedClientName}
              lineCount={draft.lines.length}
              timezone={timezone}
              onStatus={(next, text) => {
                setStatus(next);
                show({ tone: 'success', text });
              }}
              onError={(text, code) => show({ tone: 'error', text, stale: code === 'stale' })}
            />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-700">Create the proposal to mark it as sent, accepted or declined.</p>
          )}
        </aside>
      </div>
    </>
  );
}
