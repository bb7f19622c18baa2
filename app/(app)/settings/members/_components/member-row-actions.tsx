'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/input';
import { changeRoleAction, removeMemberAction } from '../actions';

/** Why the only admin can be neither removed nor made an author, said before anyone tries. */
export const ONLY_ADMIN_REASON = 'The only admin. Make someone else an admin before changing or removing them.';

function useMemberAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (action: () => Promise<{ ok: boolean; formError?: string }>, onSaved?: () => void) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.formError ?? 'That did not work.'));
      if (result.ok) {
        onSaved?.();
        router.refresh();
      }
    });
  return { pending, message, run };
}

type Role = 'admin' | 'author';
const ROLE_LABEL: Record<Role, string> = { admin: 'an admin', author: 'an author' };

/**
 * The member's role, shown once: as the control that changes it. The only admin's stays
 * fixed, with the reason beside it (the server refuses it too, for two admins at once).
 *
 * Choosing a role does not save it: "Save role" does. A native select changes its value on
 * each arrow key without opening, so saving on change made a keyboard user arrowing past
 * "Admin" grant admin at once. The select is never disabled while saving (that dropped focus
 * to the page), and focus comes back to it once the role is saved.
 */
export function MemberRoleSelect({ userId, name, role, onlyAdmin }: { userId: string; name: string; role: Role; onlyAdmin: boolean }) {
  const { pending, message, run } = useMemberAction();
  const [choice, setChoice] = useState<Role>(role);
  // The saved role can change under the choice (another admin, the page refreshed): follow it.
  const [shownRole, setShownRole] = useState<Role>(role);
  // The choice just saved, until the refreshed page brings it as `role`: no "Save role" meanwhile.
  const [savedChoice, setSavedChoice] = useState<Role | null>(null);
  if (role !== shownRole) {
    setShownRole(role);
    setChoice(role);
    setSavedChoice(null);
  }
  const [saved, setSaved] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const messageId = `member-${userId}-role-message`;
  const reasonId = `member-${userId}-only-admin`;
  const save = () =>
    run(
      () => changeRoleAction({ userId, role: choice }),
      () => {
        setSavedChoice(choice);
        setSaved(`Saved: ${name} is now ${ROLE_LABEL[choice]}.`);
        selectRef.current?.focus();
      },
    );
  return (
    <div className="space-y-1">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role for {name}
      </label>
      {/* The select fills its box (w-full): the box sets the width. */}
      <div className="flex flex-wrap items-center gap-2">
        <div className="w-32">
          <Select
            ref={selectRef}
            id={`role-${userId}`}
            value={choice}
            disabled={onlyAdmin}
            aria-describedby={[onlyAdmin ? reasonId : null, messageId].filter(Boolean).join(' ')}
            onChange={(event) => {
              setChoice(event.target.value as Role);
              setSaved(null);
            }}
          >
            <option value="admin">Admin</option>
            <option value="author">Author</option>
          </Select>
        </div>
        {choice !== role && choice !== savedChoice && !onlyAdmin ? (
          // aria-disabled while saving, not disabled: a disabled button loses the focus.
          <Button size="sm" aria-disabled={pending} onClick={() => (pending ? undefined : save())}>
            {pending ? 'Saving…' : 'Save role'}
            <span className="sr-only"> for {name}</span>
          </Button>
        ) : null}
      </div>
      {onlyAdmin ? (
        <p id={reasonId} className="max-w-56 text-xs text-slate-700">
          {ONLY_ADMIN_REASON}
        </p>
      ) : null}
      <p id={messageId} aria-live="polite" className="text-sm text-red-700">
        {message}
      </p>
      {/* Not in the select's description: announced once, here, not again when focus returns to the select. */}
      <p role="status" className="text-sm text-green-800">
        {message ? null : saved}
      </p>
    </div>
  );
}

export function RemoveMemberButton({ userId, name, isSelf, onlyAdmin, practiceName }: { userId: string; name: string; isSelf: boolean; onlyAdmin: boolean; practiceName: string }) {
  const { pending, message, run } = useMemberAction();
  const messageId = `member-${userId}-remove-message`;
  const reasonId = `member-${userId}-only-admin`;
  return (
    <div className="flex flex-col items-end gap-1">
      {onlyAdmin ? (
        // Focusable, so the reason (under the role) is heard; it opens no confirmation it would refuse.
        <Button variant="secondary" size="sm" aria-disabled aria-describedby={reasonId}>
          Remove<span className="sr-only"> {name}</span>
        </Button>
      ) : (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" size="sm" disabled={pending} aria-describedby={messageId}>
              Remove<span className="sr-only"> {name}</span>
            </Button>
          }
          title={isSelf ? `Leave ${practiceName}?` : `Remove ${name}?`}
          description={
            isSelf ? (
              <p>You will be signed out and can no longer sign in to this practice. The proposals and history you worked on are kept.</p>
            ) : (
              <p>{name} will no longer be able to sign in to this practice. The proposals and history they worked on are kept.</p>
            )
          }
          confirmLabel={isSelf ? 'Remove myself' : 'Remove member'}
          tone="danger"
          pending={pending}
          onConfirm={() => run(() => removeMemberAction({ userId }))}
        />
      )}
      <p id={messageId} aria-live="polite" className="text-right text-sm text-red-700">
        {message}
      </p>
    </div>
  );
}
