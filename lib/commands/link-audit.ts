import 'server-only';
import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db';
import type { AppIdValue } from '@/db/schema';
import type { Actor } from './actor';

export interface LinkAuditEntry {
  clientId: string;
  app: AppIdValue;
  action: 'link' | 'unlink' | 'relink';
  beforeExternalId: string | null;
  afterExternalId: string | null;
}

/**
 * Records link changes (issue 12, requirement 3) in the caller's transaction, so an audit
 * row exists exactly when its change committed. The actor says who: a member, or a run
 * (trigger and run id) for the engine's automatic links.
 *
 * Each row keeps the records' names as the directory has them now (a user trial's history
 * said "linked “New Name”" of a record linked as “Old Name” and renamed since): one statement
 * whatever the number of rows, the entries as one jsonb parameter, as a run's batches write.
 */
export async function recordLinkAudit(tx: Transaction, actor: Actor, entries: readonly LinkAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`
    insert into client_link_audit (practice_id, client_id, app, action, before_external_id, after_external_id, before_name, after_name, user_id, trigger, sync_run_id)
    select ${actor.practiceId}::uuid, v."clientId", v.app::app_id, v.action::link_audit_action, v."beforeExternalId", v."afterExternalId",
      (select d.name from directory_records d where d.practice_id = ${actor.practiceId} and d.app = v.app::app_id and d.external_id = v."beforeExternalId"),
      (select d.name from directory_records d where d.practice_id = ${actor.practiceId} and d.app = v.app::app_id and d.external_id = v."afterExternalId"),
      ${actor.memberId}::uuid, ${actor.trigger}::sync_trigger, ${actor.syncRunId ?? null}::uuid
    from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as v("clientId" uuid, app text, action text, "beforeExternalId" text, "afterExternalId" text)`);
}
