'use client';

import { Lock } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import {
  CAPABILITIES,
  appName,
  describeSettingsEffect,
  evaluateOptions,
  reasonForReadOnly,
  type AppId,
  type ConnectionSettings,
  type OptionState,
  type SyncData,
  type SyncDirection,
  type UnlockAction,
} from '@/lib/sync/rules';
import { requestForUnlock } from '@/lib/sync/settings-plan';
import { SyncStatus, useClientSync } from './client-sync-context';
import { ClientSyncPreviewDialog } from './client-sync-preview-dialog';

export const READ_ONLY_REASON = 'Only practice admins can change sync settings.';

/**
 * A connected app's "Client sync" settings: Sync data and Sync direction as radio groups,
 * every option with one line saying what it does. Options the rules refuse stay readable
 * and focusable (aria-disabled, not disabled) so a keyboard or screen-reader user reaches
 * them and hears why, with buttons that unlock them. Edits are staged and saved together,
 * so moving through the options with the arrow keys never saves half a choice.
 */
export function ClientSyncSection({ app }: { app: AppId }) {
  const { connections, epoch } = useClientSync();
  const stored = connections.find((c) => c.app === app);
  if (!stored) return null;
  const titleId = `${app}-client-sync-title`;
  return (
    <section aria-labelledby={titleId} className="mt-5 border-t border-slate-200 pt-4" data-testid={`${app}-client-sync`}>
      {/* Keyed by the save counter: unsaved edits are dropped once the settings move under them. */}
      <ClientSyncForm key={epoch} app={app} stored={stored} titleId={titleId} />
      <SyncStatus scope={app} />
    </section>
  );
}

type Draft = { syncData: SyncData; direction: SyncDirection };

function ClientSyncForm({ app, stored, titleId }: { app: AppId; stored: ConnectionSettings; titleId: string }) {
  const { connections, linkedClients, runDue, canEdit, save, focusStatus, clearNotice, reportUnsaved } = useClientSync();
  const [draft, setDraft] = useState<Draft | null>(null);
  const working: ConnectionSettings = { app, ...(draft ?? { syncData: stored.syncData, direction: stored.direction }) };
  const dirty = draft !== null && (draft.syncData !== stored.syncData || draft.direction !== stored.direction);
  // Leaving the page asks while this edit is staged. Saving re-keys this form (the save
  // counter), so the unmount clears it: no question after Save, nor while the save is sent.
  useEffect(() => {
    reportUnsaved(app, dirty);
    return () => reportUnsaved(app, false);
  }, [app, dirty, reportUnsaved]);
  const card = evaluateOptions(
    connections.map((c) => (c.app === app ? working : c)),
    app,
  );
  const name = appName(CAPABILITIES, app);
  const readOnlyId = `${app}-client-sync-readonly`;

  const choose = (patch: Partial<Draft>) => {
    clearNotice(app);
    setDraft({ syncData: working.syncData, direction: working.direction, ...patch });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || !draft) return;
    const request = {
      kind: 'change' as const,
      app,
      ...(draft.syncData !== stored.syncData ? { syncData: draft.syncData } : {}),
      ...(draft.direction !== stored.direction ? { direction: draft.direction } : {}),
    };
    // Focus moves to the outcome: the Save button goes away once the edit is saved. On screen
    // the outcome does not repeat the effect the "Now:" line above it shows; a screen reader,
    // on the outcome, hears both.
    const effect = `Now: ${describeSettingsEffect(CAPABILITIES, working, linkedClients(app), runDue(app))}`;
    if (save(app, request, { text: 'Saved.', spokenOnly: effect })) focusStatus(app);
  };

  return (
    // Not a landmark of its own: its section is the "Client sync for …" region (a form labelled
    // alike was a second landmark of the same name, which axe's landmark-unique flags).
    <form onSubmit={submit} aria-describedby={canEdit ? undefined : readOnlyId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="text-base font-semibold text-slate-900">
          Client sync<span className="sr-only"> for {name}</span>
        </h3>
        {card.isSource && !dirty ? <Badge tone="info">{name} is your client source</Badge> : null}
      </div>
      {canEdit ? null : (
        <p id={readOnlyId} className="mt-1 flex items-center gap-1.5 text-sm text-slate-700">
          <Lock aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
          {READ_ONLY_REASON}
        </p>
      )}

      <div className="mt-3 grid gap-4">
        <OptionGroup app={app} legend="Sync data" name={`${app}-sync-data`} options={card.syncData} canEdit={canEdit} onChoose={(value) => choose({ syncData: value })} />
        <OptionGroup
          app={app}
          legend="Sync direction"
          name={`${app}-sync-direction`}
          options={card.direction}
          canEdit={canEdit}
          onChoose={(value) => choose({ direction: value })}
        />
      </div>

      <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid={`${app}-sync-effect`}>
        <span className="font-medium">{dirty ? 'After saving: ' : 'Now: '}</span>
        {describeSettingsEffect(CAPABILITIES, working, linkedClients(app), runDue(app))}
      </p>

      {canEdit && dirty ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button type="submit">
            Save changes<span className="sr-only"> to {name} sync settings</span>
          </Button>
          <Button type="button" variant="secondary" onClick={() => setDraft(null)}>
            Discard<span className="sr-only"> {name} changes</span>
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/**
 * The option's one line without the "From XPM: " the rules put in front (the label says
 * it already); null when all it says is that the option is not available (the reason does).
 */
function withoutLabel(option: OptionState<string>): string | null {
  const prefix = `${option.label}: `;
  const text = option.description.startsWith(prefix) ? option.description.slice(prefix.length) : option.description;
  if (!option.allowed && /^not available\.?$/i.test(text)) return null;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * When every unavailable option of a group is unavailable for the same reason, the reason
 * and its buttons are shown once under the group instead of under each option. "Make <app>
 * the source" then keeps the app's Sync data (or Everything), rather than one option's.
 */
function sharedBlock<V extends string>(options: OptionState<V>[]): { reason: string; unlock: UnlockAction[] } | null {
  const blocked = options.filter((o) => !o.allowed);
  const first = blocked[0];
  if (blocked.length < 2 || !first?.reason) return null;
  const labels = (o: OptionState<V>) => (o.unlock ?? []).map((u) => u.label).join('|');
  if (!blocked.every((o) => o.reason === first.reason && labels(o) === labels(first))) return null;
  const unlock = (first.unlock ?? []).map((u): UnlockAction => (u.kind === 'make_source' ? { kind: 'make_source', app: u.app, label: u.label } : u));
  return { reason: first.reason, unlock };
}

function BlockedReason({ id, reason, unlock, canEdit, scope, label }: { id: string; reason: string; unlock: UnlockAction[]; canEdit: boolean; scope: AppId; label: string }) {
  return (
    <>
      <p id={`${id}-reason`} className="mt-1 flex gap-1.5 text-sm text-amber-900">
        <Lock aria-hidden="true" className="mt-0.5 h-3.5 w-3.5 shrink-0" />
        {/* An author cannot follow the remedy: it names who can. */}
        <span>{canEdit ? reason : reasonForReadOnly(reason)}</span>
      </p>
      {canEdit && unlock.length ? (
        <div id={`${id}-unlock`} className="mt-2 flex flex-wrap gap-2" role="group" aria-label={label}>
          {unlock.map((action) => (
            <UnlockButton key={`${action.kind}-${action.app}`} scope={scope} action={action} />
          ))}
        </div>
      ) : null}
    </>
  );
}

function OptionGroup<V extends SyncData | SyncDirection>({
  app,
  legend,
  name,
  options,
  canEdit,
  onChoose,
}: {
  app: AppId;
  legend: string;
  name: string;
  options: OptionState<V>[];
  canEdit: boolean;
  onChoose: (value: V) => void;
}) {
  const shared = sharedBlock(options);
  const sharedId = `${name}-blocked`;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-1.5 space-y-1.5">
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          const blocked = !option.allowed;
          const description = withoutLabel(option);
          const reasonId = shared ? sharedId : id;
          // The reason only: the ways to unlock it are buttons, reached with Tab, and read as
          // part of the description they would only be noise (issue 15, item 14).
          const describedBy = [description ? `${id}-desc` : null, blocked ? `${reasonId}-reason` : null].filter(Boolean).join(' ');
          return (
            <div
              key={option.value}
              className={cn(
                'flex gap-3 rounded-md border px-3 py-2',
                option.selected ? 'border-brand-600' : 'border-slate-200',
                // One background each (cn() resolves no conflicts): a refused option looks refused even if selected.
                blocked ? 'border-dashed bg-slate-50' : option.selected ? 'bg-brand-50' : null,
              )}
            >
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={option.selected}
                // Authors: truly disabled (read-only). Admins: a refused option stays focusable
                // and is announced as unavailable, with its reason; choosing it is ignored.
                disabled={!canEdit}
                aria-disabled={canEdit && blocked ? true : undefined}
                aria-describedby={describedBy || undefined}
                onChange={() => {
                  if (option.allowed) onChoose(option.value);
                }}
                className="mt-0.5 h-4 w-4 shrink-0 accent-brand-700 disabled:cursor-not-allowed aria-disabled:cursor-not-allowed"
              />
              <div className="min-w-0 flex-1">
                <label htmlFor={id} className={cn('text-sm font-medium', blocked ? 'text-slate-700' : 'text-slate-900', canEdit && !blocked ? 'cursor-pointer' : null)}>
                  {option.label}
                  {blocked ? (
                    <span className="ml-2 inline-flex items-center gap-1 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
                      <Lock aria-hidden="true" className="h-3 w-3" />
                      Not available
                    </span>
                  ) : null}
                </label>
                {description ? (
                  <p id={`${id}-desc`} className="text-sm text-slate-700">
                    {description}
                  </p>
                ) : null}
                {blocked && !shared && option.reason ? (
                  <BlockedReason id={id} reason={option.reason} unlock={option.unlock ?? []} canEdit={canEdit} scope={app} label={`Ways to make ${option.label} available`} />
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {shared ? (
        <div className="mt-2 rounded-md border border-amber-200 bg-amber-50/60 px-3 py-2" data-testid={`${sharedId}`}>
          <BlockedReason id={sharedId} reason={shared.reason} unlock={shared.unlock} canEdit={canEdit} scope={app} label={`Ways to make these ${legend} options available`} />
        </div>
      ) : null}
    </fieldset>
  );
}

function UnlockButton({ scope, action }: { scope: AppId; action: UnlockAction }) {
  const request = requestForUnlock(action);
  const target = appName(CAPABILITIES, action.app);
  const title =
    action.kind === 'make_source' ? `Make ${target} your client source?` : action.kind === 'set_sync_data' ? `Change ${target}'s Sync data?` : `Change ${target}'s Sync direction?`;
  const success = action.kind === 'make_source' ? `Saved. ${target} is now your client source.` : 'Saved.';
  return (
    <ClientSyncPreviewDialog
      trigger={
        <Button variant="secondary" size="sm">
          {action.label}
        </Button>
      }
      title={title}
      intro={action.kind === 'make_source' ? `Only one app can be the client source, so these settings change together.` : undefined}
      request={request}
      confirmLabel={action.kind === 'make_source' ? `Make ${target} the source` : 'Apply change'}
      scope={scope}
      successText={success}
    />
  );
}
