'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { appIdSchema } from '@/lib/apps/schema';
import { ActionError, defineAction } from '@/lib/dal/action';
import { connectionForRefresh, disconnectApp, removeGustoCompany } from '@/lib/dal/connections';
import { currentMember } from '@/lib/dal/session';
import { env } from '@/lib/env';
import { encodeNotice } from '@/lib/integrations/notice';
import { startAuthorization } from '@/lib/integrations/oauth-flow';
import { DEFAULT_REFRESH_WAIT_MS, refreshWithin, STILL_REFRESHING } from '@/lib/integrations/refresh-runner';
import { appOrigin, oauthRedirectUri } from '@/lib/integrations/provider-config';
import { isProviderError } from '@/lib/providers/errors';

const ADMINS = ['admin'] as const;
const appSchema = appIdSchema('Unknown app.');

async function requestOrigin(): Promise<string> {
  return appOrigin(await headers(), 'http://localhost:3000');
}

/** Form action: sends the admin's browser to the app's consent page (server actions are CSRF-checked). */
export async function connectAppAction(formData: FormData): Promise<void> {
  const member = await currentMember();
  if (!member) redirect('/sign-in');
  const app = appSchema.safeParse(formData.get('app'));
  if (member.role !== 'admin' || !app.success) {
    redirect(`/integrations?notice=${encodeNotice({ tone: 'error', message: member.role !== 'admin' ? 'Only a practice admin can connect apps.' : 'Unknown app.' })}`);
  }
  const url = await startAuthorization(member, app.data, oauthRedirectUri(app.data, await requestOrigin()));
  redirect(url);
}

export const disconnectAppAction = defineAction({
  schema: z.object({ app: appSchema }),
  roles: ADMINS,
  async run({ app }, member) {
    const result = await disconnectApp(member, app);
    revalidatePath('/integrations');
    return result;
  },
});

export const removeGustoCompanyAction = defineAction({
  schema: z.object({ grantId: z.uuid('Not a valid company.') }),
  roles: ADMINS,
  async run({ grantId }, member) {
    await removeGustoCompany(member, grantId);
    revalidatePath('/integrations');
  },
});

/**
 * Answers within a bound (DIRECTORY_REFRESH_WAIT_MS, 15 s by default); a slower refresh goes
 * on in this server process and records its outcome on the connection, which the card shows.
 */
export const refreshDirectoryAction = defineAction({
  schema: z.object({ app: appSchema }),
  roles: ADMINS,
  async run({ app }, member) {
    const connection = await connectionForRefresh(member, app);
    try {
      const answer = await refreshWithin(member.practiceId, connection, env().DIRECTORY_REFRESH_WAIT_MS ?? DEFAULT_REFRESH_WAIT_MS);
      if (answer.status === 'still_running') return { state: 'running' as const, message: STILL_REFRESHING };
      if (answer.status === 'failed') {
        if (isProviderError(answer.error)) throw new ActionError(answer.error.message, undefined, answer.error.kind === 'rate_limited' ? 'rate_limited' : 'upstream');
        throw answer.error;
      }
      const { outcome } = answer;
      return {
        state: 'done' as const,
        fetched: outcome.fetched,
        written: outcome.written,
        failed: outcome.failed.length,
        unreadable: outcome.unreadable.map((u) => u.label),
      };
    } finally {
      revalidatePath('/integrations');
    }
  },
});
