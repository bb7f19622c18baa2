import Link from 'next/link';
import type { DuplicateWarning } from '@/lib/clients/duplicate-warnings';

/**
 * The clients a name or tax number may duplicate, each a link to its page opened in a new tab
 * (nothing typed in the form is lost), with why: the hint's list and the refused save's alike.
 */
export function DuplicateWarningList({ warnings }: { warnings: readonly DuplicateWarning[] }) {
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5">
      {warnings.map((warning) => (
        <li key={warning.clientId}>
          <Link href={`/clients/${warning.clientId}`} target="_blank" rel="noopener" className="font-medium break-words underline">
            {warning.name}
            <span className="sr-only"> (opens in a new tab)</span>
          </Link>{' '}
          ({warning.why})
        </li>
      ))}
    </ul>
  );
}

/** "This may be a client you already have:" or, for several, how many. */
export function duplicateWarningLead(count: number): string {
  return count === 1 ? 'This may be a client you already have:' : `This may be one of ${count} clients you already have:`;
}
