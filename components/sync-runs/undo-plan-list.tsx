import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { clientFieldLabel } from '@/lib/clients/field-labels';
import { type FieldDecision, type UndoClientPlan, undoKey } from '@/lib/sync/undo/plan-undo';
import { Value } from './field-changes-table';

/**
 * The undo's preview, client by client (issue 12, "Undo this run"): each field the run
 * changed, its value now → what the undo puts back, and why a field is left alone. A field
 * changed since the run carries a "Restore anyway" checkbox (named `ticked`, read by the
 * form around this list). Server-rendered: no state of its own.
 */
export interface UndoPlanClient extends UndoClientPlan {
  clientName: string;
}

const DECISION: Record<FieldDecision, string> = {
  restore: 'Restored',
  changed_since: 'Changed since the run: left as it is',
  already: 'Already as before the run',
  not_restorable: 'Kept',
};

/**
 * A client this run created keeps the values it came with: they are its first, so there is
 * nothing before them to put back. That is said once here, not as "Kept: Its first value…" on
 * each of its seventeen fields (a new user's trial), which the list then leaves out.
 */
function linkNote(plan: UndoPlanClient, app: string): string | null {
  if (plan.createdClientKept && plan.link === 'unlink')
    return `This run created the client. It is kept (never deleted), with the values it came with; only its link to ${app} is removed, and later syncs do not link the two again by name.`;
  if (plan.createdClientKept)
    return `This run created the client: the values it came with are its first, so they stay. ${linkNote({ ...plan, createdClientKept: false }, app) ?? ''}`.trim();
  switch (plan.link) {
    case 'unlink':
      return `The link to ${app} that this run made is removed, and later syncs do not make it again by name. The client is kept.`;
    case 'relink':
      return `The link to ${app} that the undone run removed is made again.`;
    case 'link_unchanged':
      return `The link to ${app} is no longer as this run left it (changed since, or already undone), so it is left as it is.`;
    case 'state_kept':
      return `The link's state reports what happened in ${app} (archived, deleted or restored there), so it stays.`;
    default:
      return null;
  }
}

function badgeFor(plan: UndoPlanClient, restoring: boolean, changedSince: boolean): { label: string; tone: 'info' | 'warning' | 'neutral' | 'success' } {
  if (plan.missing) return { label: 'Client gone: nothing to restore', tone: 'neutral' };
  if (plan.link === 'unlink') return { label: 'Link removed, client kept', tone: 'warning' };
  if (plan.link === 'relink') return { label: 'Linked again', tone: 'success' };
  if (restoring) return { label: 'Values restored', tone: 'info' };
  return changedSince ? { label: 'Changed since the run', tone: 'warning' } : { label: 'Nothing to restore', tone: 'neutral' };
}

export function UndoPlanList({ clients, app, toApp }: { clients: readonly UndoPlanClient[]; app: string; toApp: boolean }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="undo-clients">
      {clients.map((plan) => {
        const headingId = `undo-${plan.externalId}`;
        const parts = [...plan.fields, ...(plan.contacts ? [plan.contacts] : [])];
        // A created client's first values are said once, in the note (linkNote).
        const firstValue = (decision: FieldDecision) => plan.createdClientKept && decision === 'not_restorable';
        const fields = plan.fields.filter((f) => !firstValue(f.decision));
        const contacts = plan.contacts && !firstValue(plan.contacts.decision) ? plan.contacts : null;
        const badge = badgeFor(
          plan,
          parts.some((p) => p.decision === 'restore'),
          parts.some((p) => p.decision === 'changed_since'),
        );
        const note = linkNote(plan, app);
        return (
          <li key={plan.externalId} className="py-4" aria-labelledby={headingId}>
            <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-medium">
              <Link href={`/clients/${plan.clientId}`} className="text-brand-700 underline">
                {plan.clientName}
              </Link>
              <Badge tone={badge.tone}>{badge.label}</Badge>
            </h3>
            {note ? <p className="mt-1 text-sm text-slate-700">{note}</p> : null}
            {fields.length > 0 || contacts ? (
              <table className="mt-2 w-full table-fixed text-left text-sm">
                <caption className="sr-only">What undoing the run does to {plan.clientName}: each field now, and after the undo</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="w-[30%] py-1 pr-3 font-medium sm:w-1/4">
                      Field
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {toApp ? `In ${app} now` : 'Now'}
                    </th>
                    <th scope="col" className="py-1 font-medium">
                      After the undo
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <FieldRows
                      key={f.field}
                      label={clientFieldLabel(f.field)}
                      checkboxKey={undoKey(plan.clientId, f.field)}
                      decision={f.decision}
                      current={f.current}
                      restored={f.restored}
                      runValue={f.runValue}
                      reason={f.decision === 'not_restorable' ? `${app} shows it masked, so it cannot be sent back` : null}
                    />
                  ))}
                  {contacts ? (
                    <FieldRows
                      label={clientFieldLabel('contacts')}
                      checkboxKey={undoKey(plan.clientId, 'contacts')}
                      decision={contacts.decision}
                      current={contacts.current.map((c) => c.name).join(', ') || null}
                      restored={contacts.restored.map((c) => c.name).join(', ') || null}
                      runValue={null}
                      reason={contacts.decision === 'not_restorable' ? `Contacts in ${app} are left as they are: edit them there` : null}
                    />
                  ) : null}
                </tbody>
              </table>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function FieldRows({
  label,
  checkboxKey,
  decision,
  current,
  restored,
  runValue,
  reason,
}: {
  label: string;
  checkboxKey: string;
  decision: FieldDecision;
  current: string | null;
  restored: string | null;
  runValue: string | null;
  reason: string | null;
}) {
  const checkboxId = `tick-${checkboxKey}`;
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-decision={decision}>
        <th scope="row" className="py-1.5 pr-3 font-normal text-slate-700">
          {label}
        </th>
        <td className="py-1.5 pr-3 text-slate-700">
          <Value value={current} was={decision === 'restore'} />
        </td>
        <td className="py-1.5">
          {decision === 'restore' ? (
            <span className="font-medium">
              <Value value={restored} />
            </span>
          ) : (
            <span className="text-slate-700">
              {DECISION[decision]}
              {reason ? `: ${reason}` : ''}
            </span>
          )}
        </td>
      </tr>
      {decision === 'changed_since' ? (
        <tr className="align-top">
          <td colSpan={3} className="pb-2">
            <div className="rounded-md bg-amber-50 p-2 text-amber-950">
              <p>
                The run set <Value value={runValue} />; it was changed again since.
              </p>
              <div className="mt-1 flex items-start gap-2">
                <input id={checkboxId} type="checkbox" name="ticked" value={checkboxKey} className="mt-0.5 size-4 shrink-0 accent-brand-700" />
                <label htmlFor={checkboxId}>
                  Restore {label.toLowerCase()} to <Value value={restored} /> anyway
                </label>
              </div>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
