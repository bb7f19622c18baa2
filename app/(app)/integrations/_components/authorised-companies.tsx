'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { handFocusTo, useHandedFocus } from '@/components/ui/focus-handoff';
import { removeGustoCompanyAction } from '../actions';
import { type Outcome, OutcomeStatus } from './outcome-status';

export interface CompanyGrant {
  id: string;
  label: string;
  connected: boolean;
}

const STATUS_ID = 'gusto-companies-status';

/**
 * The Gusto card's authorised companies, each with Remove (admins), and what the last removal
 * did. The status is drawn whether or not Gusto is still connected: the row that was removed
 * goes (and with the last company the whole list, as Gusto is disconnected), so the status is
 * where the admin is told and where focus goes; before, the company vanished without a word
 * and focus fell to the page's body (a trial).
 */
export function AuthorisedCompanies({ live, grants, isAdmin }: { live: boolean; grants: CompanyGrant[]; isAdmin: boolean }) {
  const [status, setStatus] = useState<Outcome | null>(null);
  useHandedFocus();
  return (
    <>
      {live ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Authorised companies</h3>
          {grants.length === 0 ? (
            <p className="text-sm text-slate-700">None.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm" aria-label="Authorised Gusto companies">
              {grants.map((grant) => (
                <li key={grant.id} className="flex items-center justify-between gap-3 py-1.5">
                  <span>
                    {grant.label}
                    {grant.connected ? null : (
                      <Badge tone="warning" className="ml-2">
                        Needs reconnecting
                      </Badge>
                    )}
                  </span>
                  {isAdmin ? <RemoveCompanyButton grant={grant} isLast={grants.length === 1} onDone={setStatus} /> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <OutcomeStatus id={STATUS_ID} outcome={status} look="box" className={status ? 'mt-3' : undefined} />
    </>
  );
}

function RemoveCompanyButton({ grant, isLast, onDone }: { grant: CompanyGrant; isLast: boolean; onDone: (status: Outcome) => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const result = await removeGustoCompanyAction({ grantId: grant.id });
      handFocusTo(STATUS_ID);
      if (!result.ok) return onDone({ tone: 'error', text: `${grant.label} was not removed. ${result.formError ?? 'Try again.'}` });
      onDone({ tone: 'success', text: isLast ? `Removed ${grant.label}. It was the last authorised company, so Gusto is disconnected.` : `Removed ${grant.label}.` });
      router.refresh();
    });
  return (
    <div className="text-right">
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" pending={pending}>
            Remove<span className="sr-only"> {grant.label}</span>
          </Button>
        }
        title={`Remove ${grant.label}?`}
        description={
          <p>
            Practice Sync will revoke its access to this company and remove it from the Gusto directory. Clients linked to it are kept.
            {isLast ? ' It is the last authorised company, so Gusto will be disconnected.' : ''}
          </p>
        }
        confirmLabel="Remove company"
        tone="danger"
        pending={pending}
        onConfirm={remove}
      />
    </div>
  );
}
