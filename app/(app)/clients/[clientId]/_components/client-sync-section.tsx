import Link from 'next/link';
import { Value } from '@/components/sync-runs/field-changes-table';
import { Badge } from '@/components/ui/badge';
import { HandedFocus } from '@/components/ui/focus-handoff';
import { Card, CardTitle } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { appShortLabel } from '@/lib/apps/registry';
import { clientFieldLabel } from '@/lib/clients/field-labels';
import { type FieldOriginGroup, groupFieldOrigins, originFieldsText } from '@/lib/clients/field-origin-groups';
import { type AppFlow, auditText, linkStateText, undoneSyncText } from '@/lib/clients/sync-section-text';
import type { ClientLinkView, ClientSyncView, FieldOriginView } from '@/lib/dal/client-sync';
import { LinkRecordDialog } from './link-record-dialog';
import { SYNC_HEADING_ID } from './sync-section-ids';
import { UnlinkButton } from './unlink-button';
import { InlineArrow } from '@/components/ui/inline-arrow';

/**
 * A client's Sync section (issue 12): its links and how to fix them, where each field's
 * current value came from with its recent changes, and the link history. Authors read it;
 * admins also get Link to…, Unlink and Relink.
 */
export function ClientSyncSection({ clientId, clientName, sync, timezone }: { clientId: string; clientName: string; sync: ClientSyncView; timezone: string }) {
  return (
    <Card className="lg:col-span-2" aria-labelledby={SYNC_HEADING_ID}>
      {/* Focusable by script only: keyboard focus comes here after a link change, once the section is re-drawn with it. */}
      <HandedFocus />
      <CardTitle id={SYNC_HEADING_ID} tabIndex={-1} className="w-fit rounded-sm">
        Sync
      </CardTitle>
      <Links clientId={clientId} clientName={clientName} sync={sync} timezone={timezone} />
      <h3 className="mt-5 text-sm font-semibold text-slate-900">Where each value came from</h3>
      {sync.fields.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">Every field holds what was entered in Practice Sync: no app has written a value and nobody has edited one since.</p>
      ) : (
        <>
          <ul className="mt-1 divide-y divide-slate-100 text-sm">
            {groupFieldOrigins(sync.fields).map((group) => (
              <FieldOriginLine key={group.key} group={group} timezone={timezone} />
            ))}
          </ul>
          <p className="mt-2 text-sm text-slate-700">Fields not listed hold what was entered in Practice Sync.</p>
        </>
      )}
      {sync.audit.length > 0 ? (
        <>
          <h3 id="client-link-history" className="mt-5 text-sm font-semibold text-slate-900">
            Link history
          </h3>
          <ul aria-labelledby="client-link-history" className="mt-1 space-y-1 text-sm text-slate-800">
            {sync.audit.map((entry) => (
              <li key={entry.id} className="[overflow-wrap:anywhere]">
                <PracticeDateTime value={entry.at} timezone={timezone} />: {auditText(entry)}
                {entry.syncRunId ? (
                  <>
                    {' '}
                    <Link href={`/sync-history/${entry.syncRunId}`} className="text-brand-700 underline">
                      See the run
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function Links({ clientId, clientName, sync, timezone }: { clientId: string; clientName: string; sync: ClientSyncView; timezone: string }) {
  if (sync.links.length === 0 && sync.unlinkedApps.length === 0) {
    return <p className="mt-2 text-sm text-slate-700">No app is connected, so this client is linked to none. Admins connect XPM and Gusto on Integrations.</p>;
  }
  return (
    <ul aria-label="Links to apps" className="mt-2 space-y-3">
      {sync.links.map((link) => (
        <LinkItem key={link.app} link={link} clientId={clientId} clientName={clientName} canManage={sync.canManageLinks} flow={sync.flows[link.app] ?? null} timezone={timezone} />
      ))}
      {sync.unlinkedApps.map((app) => (
        <li key={app} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-dashed border-slate-300 p-3 text-sm">
          <span>
            <span className="font-medium">{appShortLabel(app)}</span>: not linked. {appShortLabel(app)} does not change this client.
          </span>
          {sync.canManageLinks ? <LinkRecordDialog clientId={clientId} clientName={clientName} app={app} mode="link" flow={sync.flows[app] ?? null} /> : null}
        </li>
      ))}
    </ul>
  );
}

function LinkItem({
  link,
  clientId,
  clientName,
  canManage,
  flow,
  timezone,
}: {
  link: ClientLinkView;
  clientId: string;
  clientName: string;
  canManage: boolean;
  flow: AppFlow | null;
  timezone: string;
}) {
  const label = appShortLabel(link.app);
  const state = linkStateText(link.app, link.status);
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 [overflow-wrap:anywhere]">
          <span className="font-medium">{label}</span>: {link.recordName ? `“${link.recordName}”` : `a record no longer in ${label}’s directory`}{' '}
          <Badge tone={state.tone}>{state.text}</Badge>
        </p>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <LinkRecordDialog clientId={clientId} clientName={clientName} app={link.app} mode="relink" flow={flow} />
            <UnlinkButton clientId={clientId} clientName={clientName} app={link.app} recordName={link.recordName ?? link.externalId} />
          </div>
        ) : null}
      </div>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-slate-700">
        <dt>{label} id</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere]">{link.externalId}</dd>
        <dt>Linked</dt>
        <dd>
          <PracticeDateTime value={link.linkedAt} timezone={timezone} />
          {link.linkedByName ? ` by ${link.linkedByName}` : ' automatically'}
        </dd>
        <dt>Last synced</dt>
        <dd>{link.lastSyncedAt ? <PracticeDateTime value={link.lastSyncedAt} timezone={timezone} /> : 'Not yet'}</dd>
      </dl>
      {link.webUrl ? (
        <a href={link.webUrl} target="_blank" rel="noopener noreferrer" className="mt-2 inline-block text-brand-700 underline">
          Open in {label}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : null}
    </li>
  );
}

/** One origin — a run, an app's creation of the client, a person's save — and the fields it wrote, with their recent changes. */
function FieldOriginLine({ group, timezone }: { group: FieldOriginGroup<FieldOriginView>; timezone: string }) {
  const changed = group.fields.filter((field) => field.recentChanges.length > 0);
  return (
    <li className="py-2">
      <p className="[overflow-wrap:anywhere]">
        {group.byUndo && group.syncRunId ? (
          // An undo puts back what was there before a run (perhaps a person's edit): "from XPM" would misname it.
          <>
            Put back by an{' '}
            <Link href={`/sync-history/${group.syncRunId}`} className="text-brand-700 underline">
              undo
            </Link>
            {group.app ? undoneSyncText(group.app) : null}, <PracticeDateTime value={group.at} timezone={timezone} />
          </>
        ) : group.app ? (
          <>
            From {appShortLabel(group.app)}
            {group.syncRunId ? (
              <>
                {' '}
                in a{' '}
                <Link href={`/sync-history/${group.syncRunId}`} className="text-brand-700 underline">
                  sync run
                </Link>
              </>
            ) : (
              ' when the client was created from it'
            )}
            , <PracticeDateTime value={group.at} timezone={timezone} />
          </>
        ) : (
          <>
            Edited here by {group.editedByName ?? 'a former member'}, <PracticeDateTime value={group.at} timezone={timezone} />
          </>
        )}
        :{' '}
        <span className="font-medium">
          {originFieldsText(group.fields.map((field) => ({ label: clientFieldLabel(field.field), changedHere: changedBy(field, group.syncRunId) })))}
        </span>
      </p>
      {changed.map((field) => (
        <FieldChanges key={field.field} field={field} originRunId={group.syncRunId} timezone={timezone} />
      ))}
    </li>
  );
}

/** Whether the line's own run changed the field (a person's save is no run: never). */
function changedBy(field: FieldOriginView, runId: string | null): boolean {
  return runId !== null && field.recentChanges.some((change) => change.runId === runId);
}

/**
 * A field's recent changes. A change made by the line's own run says only what changed (its
 * time and link are the line's); an older one keeps its time and its run's link.
 */
function FieldChanges({ field, originRunId, timezone }: { field: FieldOriginView; originRunId: string | null; timezone: string }) {
  const label = clientFieldLabel(field.field);
  return (
    <ul aria-label={`Recent changes to ${label}`} className="mt-1 space-y-0.5 pl-4 text-xs text-slate-700">
      {field.recentChanges.map((change) => (
        <li key={`${change.runId}-${change.at.toISOString()}`} className="[overflow-wrap:anywhere]">
          {label}
          {change.runId === originRunId ? null : (
            <>
              , <PracticeDateTime value={change.at} timezone={timezone} />,{' '}
              <Link href={`/sync-history/${change.runId}`} className="text-brand-700 underline">
                {appShortLabel(change.app)} run
              </Link>
            </>
          )}
          : <Value value={change.before} was /> <InlineArrow />
          <span className="sr-only"> changed to</span> <Value value={change.after} />
        </li>
      ))}
    </ul>
  );
}
