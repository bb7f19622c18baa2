'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/input';
import { changeRoleAction, removeMemberAction } from '../actions';

export function MemberRowActions({ userId, name, role, isSelf }: { userId: string; name: string; role: 'admin' | 'author'; isSelf: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const messageId = `member-${userId}-message`;

  const run = (action: () => Promise<{ ok: boolean; formError?: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.formError ?? 'That did not work.'));
      if (result.ok) {
        after?.();
        router.refresh();
      }
    });

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role for {name}
      </label>
      <Select
        id={`role-${userId}`}
        className="w-32"
        value={role}
        disabled={pending}
        aria-describedby={messageId}
        onChange={(event) => {
          const next = event.target.value as 'admin' | 'author';
          run(() => changeRoleAction({ userId, role: next }));
        }}
      >
        <option value="admin">Admin</option>
        <option value="author">Author</option>
      </Select>
      <ConfirmDialog
        trigger={
          <Button variant="secondary" size="sm" disabled={pending} aria-describedby={messageId}>
            Remove<span className="sr-only"> {name}</span>
          </Button>
        }
        title={isSelf ? 'Remove yourself?' : `Remove ${name}?`}
        description={<p>{isSelf ? 'You' : name} will no longer be able to sign in to this practice. Proposals and history they worked on are kept.</p>}
        confirmLabel="Remove member"
        tone="danger"
        pending={pending}
        onConfirm={() => run(() => removeMemberAction({ userId }))}
      />
      <p id={messageId} aria-live="polite" className="w-full text-right text-sm text-red-700">
        {message}
      </p>
    </div>
  );
}
