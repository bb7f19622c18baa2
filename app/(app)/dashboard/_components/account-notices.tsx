import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PracticeDateTime } from '@/components/ui/practice-time';
import type { AccountNoticeView } from '@/lib/dal/account-notices';
import { dismissNoticeFormAction } from '../actions';

/** Notices for the signed-in member alone (lib/dal/account-notices), each dismissible. */
export function AccountNotices({ notices, timezone, practiceName }: { notices: AccountNoticeView[]; timezone: string; practiceName: string }) {
  if (notices.length === 0) return null;
  return (
    <section aria-label="Notices about your account" className="mb-4 space-y-2">
      {notices.map((notice) => (
        <Alert key={notice.id} tone="warning" className="flex flex-wrap items-center justify-between gap-3">
          <p>
            Someone tried to create a new practice with your email on <PracticeDateTime value={notice.lastSeenAt} timezone={timezone} />. If it wasn&apos;t you, you can ignore
            this; your account is unchanged.
            {/* The sign-up page says the same to everyone (it must not tell who has an account): here its owner learns what to do. */}
            {` If it was you: your email already belongs to ${practiceName}, so no new practice was made. To run another practice, sign up with a different email.`}
          </p>
          <form action={dismissNoticeFormAction}>
            <input type="hidden" name="noticeId" value={notice.id} />
            <Button type="submit" variant="secondary" size="sm">
              Dismiss
            </Button>
          </form>
        </Alert>
      ))}
    </section>
  );
}
