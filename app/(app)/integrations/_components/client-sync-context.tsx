'use client';

import { createContext, useCallback, useContext, useMemo, useOptimistic, useState, useTransition, type ReactNode } from 'react';
import type { AppId, ConnectionSettings, RunDue } from '@/lib/sync/rules';
import { planSettingsRequest, type SettingsRequest } from '@/lib/sync/settings-plan';
import { applyRecommendedSetupAction, changeSyncSettingAction, makeSourceAction } from '../settings-actions';
import { useUnsavedSettingsGuard } from './unsaved-settings-guard';

/**
 * The sync settings every section of the Integrations page reads (both cards and the
 * Recommended setup panel), so a change in one is reflected in all of them at once.
 * Saves are optimistic: the page shows the new settings while the server re-checks and
 * writes them; a refusal rolls back to the server's current settings (the action
 * revalidates the page whatever happens) with the reason where the admin acted.
 */

export interface ClientSyncConnection extends ConnectionSettings {
  linkedClients: number;
  runDue: RunDue;
}

/** Where a save was started, so its outcome is shown (and focus lands) right there. */
export type SyncScope = AppId | 'preset';

export interface SyncNotice {
  tone: 'pending' | 'success' | 'error';
  text: string;
  /**
   * Said to screen readers after `text`, not shown: what the page already shows next to it
   * (the effect of the saved settings). Focus lands on the outcome while it still says
   * "Saving…", so the live announcement must carry it: a description added later is not read.
   */
  spokenOnly?: string;
}

/** What a save shows once it succeeds: words, and optionally words for screen readers only. */
export type SaveSuccess = Pick<SyncNotice, 'text' | 'spokenOnly'>;

interface ClientSyncValue {
  /** Every live connection's settings, including saves still in flight. */
  connections: ConnectionSettings[];
  linkedClients(app: AppId): number;
  /** Whether the app's scheduled sync is due now (lib/dal/sync-settings.ts `runDue`). */
  runDue(app: AppId): RunDue;
  canEdit: boolean;
  saving: boolean;
  /** Bumped by every save: sections drop their unsaved edits when the settings move under them. */
  epoch: number;
  notice(scope: SyncScope): SyncNotice | null;
  /** Drops a scope's outcome, e.g. once the admin starts a new edit there. */
  clearNotice(scope: SyncScope): void;
  /** Validates with the shared rules, shows the result at once and saves. False if refused here. */
  save(scope: SyncScope, request: SettingsRequest, success: string | SaveSuccess): boolean;
  statusRef(scope: SyncScope): (el: HTMLElement | null) => void;
  focusStatus(scope: SyncScope): void;
  /** A card's form says whether it holds edits not yet saved, so leaving the page asks first. */
  reportUnsaved(app: AppId, unsaved: boolean): void;
}

const ClientSyncContext = createContext<ClientSyncValue | null>(null);

export function useClientSync(): ClientSyncValue {
  const value = useContext(ClientSyncContext);
  if (!value) throw new Error('useClientSync must be used inside <ClientSyncProvider>');
  return value;
}

function callAction(request: SettingsRequest, seen: ConnectionSettings[]) {
  switch (request.kind) {
    case 'change':
      return changeSyncSettingAction({ app: request.app, syncData: request.syncData, direction: request.direction, seen });
    case 'make_source':
      return makeSourceAction({ app: request.app, syncData: request.syncData, seen });
    case 'recommended_preset':
      return applyRecommendedSetupAction({ seen });
    case 'settings':
      // Every setting at once is the onboarding wizard's request; the cards never make it.
      throw new Error('The settings cards do not apply whole setups.');
  }
}

export function ClientSyncProvider({ connections, canEdit, children }: { connections: ClientSyncConnection[]; canEdit: boolean; children: ReactNode }) {
  const stored = useMemo(() => connections.map(({ app, syncData, direction }) => ({ app, syncData, direction })), [connections]);
  const [optimistic, setOptimistic] = useOptimistic(stored, (_current: ConnectionSettings[], next: ConnectionSettings[]) => next);
  const [saving, startTransition] = useTransition();
  const [notices, setNotices] = useState<Partial<Record<SyncScope, SyncNotice>>>({});
  const [epoch, setEpoch] = useState(0);
  const reportUnsaved = useUnsavedSettingsGuard();
  // Stable per page: where each scope's status element is, and one ref callback per scope.
  const [registry] = useState(() => ({
    els: {} as Partial<Record<SyncScope, HTMLElement | null>>,
    callbacks: {} as Partial<Record<SyncScope, (el: HTMLElement | null) => void>>,
  }));

  // One outcome on screen at a time: a new save clears what earlier saves said elsewhere,
  // which may no longer be true ("Recommended setup applied" after switching the source).
  const setNotice = useCallback((scope: SyncScope, notice: SyncNotice | null, clearOthers = false) => {
    setNotices((all) => ({ ...(clearOthers ? {} : all), [scope]: notice ?? undefined }));
  }, []);

  const save = useCallback(
    (scope: SyncScope, request: SettingsRequest, success: string | SaveSuccess) => {
      const plan = planSettingsRequest(optimistic, request);
      if (!plan.ok) {
        setNotice(scope, { tone: 'error', text: plan.reason }, true);
        return false;
      }
      setEpoch((e) => e + 1);
      if (plan.changes.length === 0) {
        setNotice(scope, { tone: 'success', text: 'Nothing to change: these are already your settings.' }, true);
        return true;
      }
      // The server applies the request only if the settings are still those on screen.
      const seen = optimistic;
      setNotice(scope, { tone: 'pending', text: 'Saving…' }, true);
      startTransition(async () => {
        setOptimistic(plan.next);
        let failure: string | null = null;
        try {
          const result = await callAction(request, seen);
          if (!result.ok) failure = result.formError ?? 'Please try again.';
        } catch {
          failure = 'Practice Sync could not be reached. Check your connection and try again.';
        }
        setNotice(scope, failure ? { tone: 'error', text: `Not saved. ${failure}` } : { tone: 'success', ...(typeof success === 'string' ? { text: success } : success) });
      });
      return true;
    },
    [optimistic, setOptimistic, setNotice],
  );

  const value = useMemo<ClientSyncValue>(
    () => ({
      connections: optimistic,
      linkedClients: (app) => connections.find((c) => c.app === app)?.linkedClients ?? 0,
      runDue: (app) => connections.find((c) => c.app === app)?.runDue ?? null,
      canEdit,
      saving,
      epoch,
      notice: (scope) => notices[scope] ?? null,
      clearNotice: (scope) => {
        if (notices[scope] && notices[scope].tone !== 'pending') setNotice(scope, null);
      },
      save,
      statusRef: (scope) =>
        (registry.callbacks[scope] ??= (el) => {
          registry.els[scope] = el;
        }),
      focusStatus: (scope) => registry.els[scope]?.focus(),
      reportUnsaved,
    }),
    [optimistic, connections, canEdit, saving, epoch, notices, save, registry, setNotice, reportUnsaved],
  );

  return <ClientSyncContext.Provider value={value}>{children}</ClientSyncContext.Provider>;
}

/** The outcome of the last save started in `scope`: announced, and focusable so focus can land on it. */
export function SyncStatus({ scope, className }: { scope: SyncScope; className?: string }) {
  const { notice, statusRef } = useClientSync();
  const current = notice(scope);
  const tone =
    current?.tone === 'error'
      ? 'border-red-300 bg-red-50 text-red-900'
      : current?.tone === 'success'
        ? 'border-green-300 bg-green-50 text-green-900'
        : 'border-slate-200 bg-slate-50 text-slate-800';
  return (
    <div
      ref={statusRef(scope)}
      tabIndex={-1}
      aria-live="polite"
      // Read whole on each change: "Saved." with the effect said after it, never one alone.
      aria-atomic="true"
      data-testid={`${scope}-sync-status`}
      className={`${current ? `mt-3 rounded-md border px-3 py-2 text-sm ${tone}` : ''} ${className ?? ''} focus-visible:outline-2 focus-visible:outline-brand-600`}
    >
      {current ? <span>{current.text}</span> : null}
      {current?.spokenOnly ? <span className="sr-only"> {current.spokenOnly}</span> : null}
    </div>
  );
}
