'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, defineAction } from '@/lib/dal/action';
import { connectionForRefresh, disconnectApp, removeGustoCompany } from '@/lib/dal/connections';
import { currentMember } from '@/lib/dal/session';
import { refreshDirectory } from '@/lib/integrations/directory-refresh';
import { encodeNotice } from '@/lib/integrations/notice';
import { startAuthorization } from '@/lib/integrations/oauth-flow';
import { appOrigin, oauthRedirectUri } from '@/lib/integrations/provider-config';
import { isProviderError } from '@/lib/providers/errors';

const ADMINS = ['admin'] as const;
const appSchema = z.enum(['xpm', 'gusto'], { error: 'Unknown app.' });

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

export const refreshDirectoryAction = defineAction({
  schema: z.object({ app: appSchema }),
  roles: ADMINS,
  async run({ app }, member) {
    const connection = await connectionForRefresh(member, app);
    try {
      const outcome = await refreshDirectory(member.practiceId, connection);
      return { fetched: outcome.fetched, written: outcome.written, failed: outcome.failed.length };
    } catch (error) {
      if (isProviderError(error)) throw new ActionError(error.message);
      throw error;
    } finally {
      revalidatePath('/integrations');
    }
  },
});
