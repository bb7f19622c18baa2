'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/dal/action';
import { dismissNotice } from '@/lib/dal/account-notices';

export const dismissNoticeAction = defineAction({
  schema: z.object({ noticeId: z.uuid('Not a valid notice.') }),
  roles: ['admin', 'author'],
  async run({ noticeId }, member) {
    await dismissNotice(member, noticeId);
    revalidatePath('/dashboard');
  },
});

/** Form adapter: the notice's Dismiss button works without client JavaScript. */
export async function dismissNoticeFormAction(formData: FormData): Promise<void> {
  await dismissNoticeAction({ noticeId: formData.get('noticeId') });
}
