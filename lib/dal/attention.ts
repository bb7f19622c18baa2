import 'server-only';
import { cache } from 'react';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows } from '@/db';
import type { AppId } from '@/lib/apps/registry';
import type { AttentionItem } from '@/lib/health/attention';
import type { SyncDirection } from '@/lib/sync/rules';
import type { Member } from './session';

/**
 * The things that need a person (lib/health/attention.ts says what each is and how it clears),
 * read from state for one practice: the Dashboard's list, and the shell's badge count of the
 * same set. Both read the same four definitions below, so the badge never counts what the
 * list does not show.
 */

/** Items of each kind listed on the Dashboard; the badge counts them all. */
const LISTED_PER_KIND = 10;

/**
 * Each connected app's latest finished run (succeeded, partial or failed; a discarded or paused
 * run does not clear a failure), one index probe per app (sync_runs_practice_app_queued_idx).
 */
export function latestFinishedRuns(practiceId: string): SQL {
  return sql`
    select c.app, r.id, r.status, r.direction, r.failed, r.error
    from connections c
    cross join lateral (
      select r.id, r.status, r.direction, r.failed, r.error
      from sync_runs r
      where r.practice_id = c.practice_id and r.app = c.app and r.status in ('succeeded', 'partial', 'failed')
      order by r.queued_at desc, r.id desc
      limit 1
    ) r
    where c.practice_id = ${practiceId} and c.status <> 'disconnected'`;
}

const needsReconnecting = (practiceId: string) => sql`
  select app, status, last_error from connections where practice_id = ${practiceId} and status in ('needs_reauth', 'error')`;
const failedLatest = (practiceId: string) => sql`
  select * from (${latestFinishedRuns(practiceId)}) latest where latest.status in ('failed', 'partial')`;
const pausedRuns = (practiceId: string) => sql`
  select id, app, direction, review_reason, queued_at from sync_runs where practice_id = ${practiceId} and status = 'needs_review'`;
const stuckDeployments = (practiceId: string) => sql`
  select proposal_id, status, error_message, updated_at from workflow_deployments where practice_id = ${practiceId} and status in ('failed', 'needs_choice')`;

/**
 * The badge's number: one statement, every part an index probe scoped by the practice (see
 * `npm run bench:dashboard`). Cached per request: the layout and the Dashboard page both ask.
 */
export const countAttention = cache(async (member: Member): Promise<number> => {
  const db = await getDb();
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select (
          (select count(*) from (${needsReconnecting(member.practiceId)}) a)
        + (select count(*) from (${failedLatest(member.practiceId)}) b)
        + (select count(*) from (${pausedRuns(member.practiceId)}) c)
        + (select count(*) from (${stuckDeployments(member.practiceId)}) d)
        )::int as n`,
  );
  return Number(row?.n ?? 0);
});

/** The Dashboard's list: connections first (nothing syncs until they are fixed), then runs, then deployments. */
export async function listAttention(member: Member): Promise<AttentionItem[]> {
  const db = await getDb();
  const practiceId = member.practiceId;
  const [reconnect, failed, paused, deployments] = await Promise.all([
    queryRows<{ app: AppId; status: 'needs_reauth' | 'error'; last_error: string | null }>(db, sql`${needsReconnecting(practiceId)} order by app`),
    queryRows<{ app: AppId; id: string; status: 'failed' | 'partial'; direction: SyncDirection; failed: number; error: string | null }>(
      db,
      sql`${failedLatest(practiceId)} order by app`,
    ),
    queryRows<{ id: string; app: AppId; direction: SyncDirection; review_reason: string | null }>(
      db,
      sql`${pausedRuns(practiceId)} order by queued_at desc limit ${LISTED_PER_KIND}`,
    ),
    queryRows<{ proposal_id: string; title: string; status: 'failed' | 'needs_choice'; error_message: string | null }>(
      db,
      sql`select d.proposal_id, p.title, d.status, d.error_message
          from (${stuckDeployments(practiceId)}) d
          join proposals p on p.practice_id = ${practiceId} and p.id = d.proposal_id
          order by d.updated_at desc limit ${LISTED_PER_KIND}`,
    ),
  ]);
  return [
    ...reconnect.map((r): AttentionItem => ({ kind: 'reconnect', app: r.app, status: r.status, lastError: r.last_error })),
    ...failed.map(
      (r): AttentionItem => ({ kind: 'run_failed', app: r.app, direction: r.direction, runId: r.id, status: r.status, failedRecords: Number(r.failed), error: r.error }),
    ),
    ...paused.map((r): AttentionItem => ({ kind: 'run_paused', app: r.app, direction: r.direction, runId: r.id, reason: r.review_reason })),
    ...deployments.map((r): AttentionItem => ({ kind: 'deployment', proposalId: r.proposal_id, title: r.title, status: r.status, error: r.error_message })),
  ];
}
