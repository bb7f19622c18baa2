import { CAPABILITIES, type FieldChange } from '@/lib/sync/rules';
import { fieldChangeLine } from '@/lib/sync/settings-plan';

/** Settings a step would change, one per line: "Gusto’s Sync data: Client name → Everything". */
export function FieldChangeList({ changes, className, label, testId }: { changes: readonly FieldChange<string>[]; className: string; label?: string; testId?: string }) {
  return (
    <ul className={`list-disc space-y-1 pl-6 ${className}`} aria-label={label} data-testid={testId}>
      {changes.map((change) => (
        <li key={`${change.app}-${change.field}`}>{fieldChangeLine(CAPABILITIES, change)}</li>
      ))}
    </ul>
  );
}
