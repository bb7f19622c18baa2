import { Alert } from '@/components/ui/alert';
import { appShortLabel } from '@/lib/apps/registry';
import type { ClientSourceNotice } from '@/lib/clients/source-notice';
import type { AppId } from '@/lib/apps/ids';

export const SOURCE_NOTICE_ID = 'client-source-notice';

/**
 * Above the client's fields: which app's next change replaces what is typed here, and which
 * fields (lib/clients/source-notice.ts). A note, not a live region: it is there when the form
 * opens and never changes while it is open, so nothing needs announcing; the form and each
 * marked field point to it or to their mark.
 */
export function SourceNotice({ notice }: { notice: ClientSourceNotice }) {
  return (
    <Alert tone="info" role="note" id={SOURCE_NOTICE_ID} data-testid="client-source-notice">
      <p className="font-semibold">{notice.heading}</p>
      <p className="mt-1">{notice.text}</p>
    </Alert>
  );
}

/**
 * "From XPM" beside a field or group the app's values replace. Seen as a badge; heard as its
 * own words, kept apart from what is around them: in a field's hint (its aria-describedby)
 * "From XPM." before the hint's own text, in a group's legend "(from XPM)" after its name.
 * (The badge's own text is hidden from screen readers: a hidden full stop inside it was read
 * as " ." — its box is laid out apart from the text.)
 */
export function FromAppMark({ app, spoken = 'hint' }: { app: AppId; spoken?: 'hint' | 'legend' }) {
  const label = appShortLabel(app);
  return (
    <>
      <span aria-hidden="true" className="inline-block rounded border border-brand-100 bg-brand-50 px-1.5 text-xs font-medium text-brand-800">
        From {label}
      </span>
      <span className="sr-only">{spoken === 'hint' ? `From ${label}.` : `(from ${label})`}</span>
    </>
  );
}
