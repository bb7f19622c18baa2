import 'server-only';
import { getDb } from '@/db';
import type { AppId } from '@/lib/apps/ids';
import { planAdoption, type AdoptionPlan } from '../client-picker/adopt-directory-record';
import { connectedApps } from '../client-picker/connected-apps';
import type { Member } from '../session';

/**
 * The proposal editor's client picker, as pages and actions reach it: by the member, never
 * with a database handle (pages and actions do not import `@/db`).
 */

/** The apps whose directories the member's picker searches. */
export async function pickerApps(member: Member): Promise<AppId[]> {
  return connectedApps(await getDb(), member.practiceId);
}

/** What saving with a picked app record would do (create, link, or ask which client), in the member's practice. */
export async function previewPick(member: Member, app: AppId, externalId: string): Promise<AdoptionPlan> {
  return planAdoption(await getDb(), member, app, externalId);
}
