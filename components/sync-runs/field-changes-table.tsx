import { clientFieldLabel } from '@/lib/clients/field-labels';
import { InlineArrow } from '@/components/ui/inline-arrow';
import { differsOnlyInSpacing } from '@/lib/sync/runs/spacing';

/**
 * One client's field changes, before → after: a run's page (what it did or sent) and a
 * preview (what a run would do). A row header per field, so a screen reader reads
 * "Business number, 12-3456789, 31-1042532"; the arrow is decoration.
 */
export interface FieldChangeRow {
  field: string;
  before: string | null;
  after: string | null;
}

/** A field's value, or "empty"; a value that was replaced is struck through (`was`), an empty one never is. */
export function Value({ value, was = false }: { value: string | null; was?: boolean }) {
  if (value === null || value === '') return <span className="text-slate-500 italic">empty</span>;
  // Long values (an email address) wrap anywhere rather than widening the page on a phone; spaces
  // are kept as they are, so a value that differs only by a double space does not look unchanged.
  const shape = 'whitespace-pre-wrap [overflow-wrap:anywhere]';
  return <span className={was ? `line-through decoration-slate-400 ${shape}` : shape}>{value}</span>;
}

export function FieldChangesTable({
  clientName,
  fields,
  contacts,
  sentTo,
}: {
  clientName: string;
  fields: readonly FieldChangeRow[];
  contacts: { before: string[]; after: string[] } | null;
  /** The app's short name when these are fields sent to it (To XPM), else null. */
  sentTo: string | null;
}) {
  return (
    <table className="mt-2 w-full table-fixed text-left text-sm">
      <caption className="sr-only">{sentTo ? `Fields sent to ${sentTo} for ${clientName}, its value before and ours` : `Changes to ${clientName}, before and after`}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="w-[30%] py-1 pr-3 font-medium sm:w-1/4">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {sentTo ? `In ${sentTo} before` : 'Before'}
          </th>
          <th scope="col" className="w-5 py-1" aria-hidden="true" />
          <th scope="col" className="py-1 font-medium">
            {sentTo ? 'Sent' : 'After'}
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.field} className="border-t border-slate-100 align-top">
            <th scope="row" className="py-1.5 pr-3 font-normal text-slate-700">
              {clientFieldLabel(f.field)}
            </th>
            <td className="py-1.5 pr-3 text-slate-700">
              <Value value={f.before} was />
            </td>
            <td className="py-1.5 text-slate-500" aria-hidden="true">
              <InlineArrow />
            </td>
            <td className="py-1.5 font-medium">
              <Value value={f.after} />
              {differsOnlyInSpacing(f.before, f.after) ? <span className="block text-xs font-normal text-slate-600">Only the spacing differs.</span> : null}
            </td>
          </tr>
        ))}
        {contacts ? (
          <tr className="border-t border-slate-100 align-top">
            <th scope="row" className="py-1.5 pr-3 font-normal text-slate-700">
              {clientFieldLabel('contacts')}
            </th>
            <td className="py-1.5 pr-3 text-slate-700">
              <Value value={contacts.before.join(', ') || null} />
            </td>
            <td className="py-1.5 text-slate-500" aria-hidden="true">
              <InlineArrow />
            </td>
            <td className="py-1.5 font-medium">
              <Value value={contacts.after.join(', ') || null} />
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
