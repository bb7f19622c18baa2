'use client';

import { focusClientPicker } from '@/components/client-picker/focus-picker';
import type { ErrorSummaryEntry } from './editor-state';

/**
 * The client's error is most often an unanswered question under a picked record (which of your
 * clients it is, or whether one of the look-alikes is it: plan-note.tsx): its answer takes focus
 * (the chosen radio or the first; for the look-alikes, "It is a new client", whose label and group
 * say the question, not a "Use this instead" that would skip it); otherwise the picker does.
 */
function focusClientQuestion() {
  const question =
    document.querySelector<HTMLInputElement>('input[name="link-to-client"]:checked') ??
    document.querySelector<HTMLInputElement>('input[name="link-to-client"]') ??
    document.querySelector<HTMLInputElement>('[data-client-question] input[type="checkbox"]');
  if (question) question.focus();
  else focusClientPicker();
}

/** "2 fields need attention", then each one as a link that takes focus to it. */
export function ErrorSummary({ entries }: { entries: readonly ErrorSummaryEntry[] }) {
  const goTo = (entry: ErrorSummaryEntry) => {
    if (entry.fieldId) document.getElementById(entry.fieldId)?.focus();
    else if (entry.label === 'Client') focusClientQuestion();
  };
  return (
    <div className="mt-1">
      <p>{entries.length === 1 ? '1 field needs attention:' : `${entries.length} fields need attention:`}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {entries.map((entry) => (
          <li key={`${entry.label}:${entry.message}`}>
            {entry.fieldId || entry.label === 'Client' ? (
              <a
                href={entry.fieldId ? `#${entry.fieldId}` : '#client-heading'}
                className="font-medium underline"
                onClick={(event) => {
                  event.preventDefault();
                  goTo(entry);
                }}
              >
                {entry.label}
              </a>
            ) : (
              <span className="font-medium">{entry.label}</span>
            )}
            : {entry.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
