import 'server-only';
import { cache } from 'react';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db';
import type { AppId } from '@/lib/apps/registry';
import { latestFinishedRuns } from './attention';
import type { Member } from './session';
import { type AppRunOverview, listAppRunOverviews } from './sync-runs';

/**
 * The Dashboard's sync health (issue 12): per connected app, its connection status, last and
 * next run (the same overview the Integrations card shows) and, for admins, how its links
 * stand: clients in step, records failing in the latest finished run, links whose record was
 * archived or deleted in the app. Authors get the short version (no `links`): what is running
 * and when, not the numbers an admin acts on.
 */
export interface LinkHealth {
  /** Links whose record the app still has. */
  linked: number;
  /** Of those, the ones the latest finished run did not fail on. */
  inSync: number;
  /** Failed records of the latest finished run (its `failed` counter), and that run: "Retry failed records" is on its page. */
  failingRecords: number;
  failingRunId: string | null;
  archivedUpstream: number;
  deletedUpstream: number;
}

export interface AppHealth {
  overview: AppRunOverview;
  status: 'connected' | 'needs_reauth' | 'error';
  links: LinkHealth | null;
}

/** Cached per request: the Dashboard's Integrations card and its Sync health section both read it. */
export const listSyncHealth = cache(async (member: Member, now: Date = new Date()): Promise<AppHealth[]> => {
  const db = await getDb();
  const practiceId = member.practiceId;
  const [overviews, statuses] = await Promise.all([
    listAppRunOverviews(member, now),
    queryRows<{ app: AppId; status: AppHealth['status'] | 'disconnected' }>(db, sql`select app, status from connections where practice_id = ${practiceId}`),
  ]);
  const links = member.role === 'admin' && overviews.length > 0 ? await linkHealthByApp(practiceId) : new Map<AppId, LinkHealth>();
  return overviews.map((overview) => {
    const status = statuses.find((s) => s.app === overview.app)?.status;
    return {
      overview,
      status: status === 'needs_reauth' || status === 'error' ? status : 'connected',
      links: member.role === 'admin' ? (links.get(overview.app) ?? emptyLinks()) : null,
    };
  });
});

function emptyLinks(): LinkHealth {
  return { linked: 0, inSync: 0, failingRecords: 0, failingRunId: null, archivedUpstream: 0, deletedUpstream: 0 };
}

/**
 * One statement for all apps: link counts by state (the practice's links, counted from the
 * client_links (practice_id, app, …) unique index) and, per app, the latest finished run with
 * how many of its failed records are linked clients.
 */
async function linkHealthByApp(practiceId: string): Promise<Map<AppId, LinkHealth>> {
  const db = await getDb();
  const rows = await queryRows<{
    app: AppId;
    linked: number | null;
    archived: number | null;
    deleted: number | null;
    run_id: string | null;
    run_failed: number | null;
    failing_linked: number | null;
  }>(
    db,
    sql`with counts as (
          select app,
                 count(*) filter (where status = 'active')::int as linked,
                 count(*) filter (where status = 'external_archived')::int as archived,
                 count(*) filter (where status = 'external_deleted')::int as deleted
          from client_links where practice_id = ${practiceId} group by app
        ),
        latest as (${latestFinishedRuns(practiceId)})
        select coalesce(counts.app, latest.app) as app, counts.linked, counts.archived, counts.deleted,
               latest.id as run_id, latest.failed as run_failed,
               (select count(distinct e.external_id)::int from sync_run_errors e
                  join client_links l on l.practice_id = e.practice_id and l.app = latest.app and l.external_id = e.external_id and l.status = 'active'
                  where e.practice_id = ${practiceId} and e.run_id = latest.id) as failing_linked
        from counts full join latest on latest.app = counts.app`,
  );
  return new Map(
    rows.map((r) => {
      const linked = Number(r.linked ?? 0);
      const failing = Number(r.run_failed ?? 0);
      return [
        r.app,
        {
          linked,
          inSync: Math.max(0, linked - Number(r.failing_linked ?? 0)),
          failingRecords: failing,
          failingRunId: failing > 0 ? r.run_id : null,
          archivedUpstream: Number(r.archived ?? 0),
          deletedUpstream: Number(r.deleted ?? 0),
        },
      ];
    }),
  );
}
