'use client';

import { useTransition } from 'react';
import { acceptProposalAction, changeProposalStatusAction, copyProposalToDraftAction } from '../actions';
import { Button } from '@/components/ui/button';
import { AcceptButton } from '@/components/proposals/accept-button';
import type { ProposalStatusView } from '@/lib/dal/proposals/detail';
import type { FailureCode } from '@/lib/failure-codes';
import { refusalOf } from '@/lib/proposals/status-rules';
import { ProposalStatusBadge } from '@/components/proposals/proposal-status-badge';
import { PracticeDateTime } from '@/components/ui/practice-time';

type Change = 'sent' | 'declined' | 'draft';

/**
 * Mark as sent / accepted / declined, reopen, or copy to a new draft. Status changes act
 * on the saved proposal, so they wait until the editor has nothing unsaved, and every
 * disabled button says why.
 */
export function ProposalStatusActions({
  proposalId,
  status,
  dirty,
  savedClientName,
  lineCount,
  timezone,
  onStatus,
  onError,
}: {
  proposalId: string;
  status: ProposalStatusView;
  dirty: boolean;
  savedClientName: string | null;
  /** Service lines in the editor; the saved ones whenever nothing is unsaved (the only time these buttons act). */
  lineCount: number;
  timezone: string;
  onStatus: (status: ProposalStatusView, message: string) => void;
  /** `code` says what kind of failure (e.g. `stale`: someone else saved first); the message says it in words. */
  onError: (message: string, code: FailureCode) => void;
}) {
  const [pending, startTransition] = useTransition();
  const blocked = dirty ? 'Save your changes first.' : null;

  const change = (to: Change, message: string) =>
    startTransition(async () => {
      const result = await changeProposalStatusAction({ proposalId, version: status.version, to });
      if (result.ok) onStatus(result.data, message);
      else onError(result.formError ?? 'The status was not changed.', result.code);
    });

  const accept = (acceptedBy: string) =>
    startTransition(async () => {
      const result = await acceptProposalAction({ proposalId, version: status.version, acceptedBy });
      if (result.ok) onStatus(result.data, 'Proposal accepted. Its content is now locked.');
      else onError(result.formError ?? 'The proposal was not accepted.', result.code);
    });

  const copy = () =>
    startTransition(async () => {
      const result = await copyProposalToDraftAction({ proposalId });
      if (result && !result.ok) onError(result.formError ?? 'The proposal was not copied.', result.code);
    });

  // The server's own rules (lib/proposals/status-rules.ts), said before the button is pressed.
  const facts = { status: status.status, hasClient: savedClientName !== null, hasLine: lineCount > 0 };
  const acceptBlocked = blocked ?? refusalOf('accept', facts)?.message ?? null;
  const sendBlocked = blocked ?? refusalOf('send', facts)?.message ?? null;
  const open = status.status === 'draft' || status.status === 'sent';

  return (
    <section aria-labelledby="status-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="status-heading" className="text-base font-semibold text-slate-900">
          Status
        </h2>
        <ProposalStatusBadge status={status.status} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-800">
        {/* A reopened proposal keeps its sent date as history. */}
        {status.sentAt ? <When label={status.status === 'draft' ? 'Last sent' : 'Sent'} at={status.sentAt} timezone={timezone} /> : null}
        {status.acceptedAt ? (
          <>
            {/* Who accepted for the client, and the member who recorded it (issue 15). */}
            <When label="Accepted" at={status.acceptedAt} by={status.acceptedByClientContact} timezone={timezone} />
            <dt className="font-medium">Recorded by</dt>
            <dd>{status.acceptedByName ?? 'a member'}</dd>
          </>
        ) : null}
        {status.declinedAt ? <When label="Declined" at={status.declinedAt} timezone={timezone} /> : null}
        <When label="Last saved" at={status.updatedAt} by={status.updatedByName} timezone={timezone} />
      </dl>
      <div className="flex flex-wrap gap-2">
        {status.status === 'draft' ? <ActionButton label="Mark as sent" reason={sendBlocked} pending={pending} onClick={() => change('sent', 'Marked as sent.')} /> : null}
        {open ? (
          acceptBlocked ? (
            <ActionButton label="Mark as accepted" reason={acceptBlocked} pending={pending} onClick={() => undefined} />
          ) : (
            <AcceptButton clientName={savedClientName ?? 'the client'} pending={pending} onConfirm={accept} />
          )
        ) : null}
        {open ? <ActionButton label="Mark as declined" variant="secondary" reason={blocked} pending={pending} onClick={() => change('declined', 'Marked as declined.')} /> : null}
        {status.status === 'sent' || status.status === 'declined' ? (
          <ActionButton label="Back to draft" variant="secondary" reason={blocked} pending={pending} onClick={() => change('draft', 'Back to draft.')} />
        ) : null}
        {status.status === 'accepted' ? <ActionButton label="Copy to a new draft" variant="secondary" reason={null} pending={pending} onClick={copy} /> : null}
      </div>
    </section>
  );
}

function When({ label, at, by, timezone }: { label: string; at: Date; by?: string | null; timezone: string }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd>
        <PracticeDateTime value={at} timezone={timezone} />
        {by ? ` by ${by}` : null}
      </dd>
    </>
  );
}

function ActionButton({
  label,
  reason,
  pending,
  onClick,
  variant = 'primary',
}: {
  label: string;
  reason: string | null;
  pending: boolean;
  onClick: () => void;
  variant?: 'primary' | 'secondary';
}) {
  const reasonId = `reason-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <span className="inline-flex flex-col">
      <Button
        variant={variant}
        // aria-disabled keeps the button focusable, so its reason can be heard.
        aria-disabled={reason || pending ? true : undefined}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => {
          if (!reason && !pending) onClick();
        }}
      >
        {label}
      </Button>
      {reason ? (
        <span id={reasonId} className="mt-1 text-xs text-slate-700">
          {reason}
        </span>
      ) : null}
    </span>
  );
}
