import { CAPABILITIES, type FieldChange } from '@/lib/sync/rules';
import { describeFieldChange } from '@/lib/sync/settings-plan';

/** Settings a step would change, one per line: "Gusto’s Sync data: Client name → Everything". */
export function FieldChangeList({ changes, className, label, testId }: { changes: readonly FieldChange<string>[]; className: string; label?: string; testId?: string }) {
  return (
    <ul className={`list-disc space-y-1 pl-6 ${className}`} aria-label={label} data-testid={testId}>
      {changes.map((change) => {
        const words = describeFieldChange(CAPABILITIES, change);
        return (
          <li key={`${change.app}-${change.field}`}>
            {words.app}’s {words.setting}: {words.before} → {words.after}
          </li>
        );
      })}
    </ul>
  );
}
