import 'server-only';
import { cache } from 'react';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db';
import type { AppId } from '@/lib/apps/registry';
import { syncedHashSql } from '@/lib/sync/engine/select-work';
import { latestFinishedRuns } from './attention';
import type { Member } from './session';
import { type AppRunOverview, listAppRunOverviews } from './sync-runs';

/**
 * The Dashboard's sync health (issue 12): per connected app, its connection status, last and
 * next run (the same overview the Integrations card shows) and, for admins, how its links
 * stand: clients in step with the app, records failing in the latest finished run, links whose record was
 * archived or deleted in the app. Authors get the short version (no `links`): what is running
 * and when, not the numbers an admin acts on.
 */
export interface LinkHealth {
  /** Links whose record the app still has. */
  linked: number;
  /** Of those, the ones in step with the app now (as the next run judges it) that the latest finished run did not fail on. */
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
  const links = member.role === 'admin' && overviews.length > 0 ? await linkHealthByApp(practiceId, overviews) : new Map<AppId, LinkHealth>();
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
 * how many of its failed records are linked clients, and how many active links are in step with
 * the app now and were not failed by that run (a record that could not be read keeps its old,
 * matching hash). With Sync data Nothing no link is in step: nothing flows.
 *
 * - From the app (the client source: one app at most): the record's payload is the one last
 *   applied — what the next run judges (lib/sync/engine/select-work.ts). A link a person made in
 *   the picker is not, until a run has applied its record.
 * - To the app: a run has pushed the client (or found it already in step) at least once. A
 *   change here goes out by itself within moments, so this leaves out only that moment; the
 *   exact test (the client's content hash, push-select.ts) reads every client and its contacts:
 *   +150 ms at 10,000 linked clients on PGlite (`npm run bench:dashboard`), for one figure.
 */
async function linkHealthByApp(practiceId: string, overviews: readonly Pick<AppRunOverview, 'app' | 'settings'>[]): Promise<Map<AppId, LinkHealth>> {
  const db = await getDb();
  const rows = await queryRows<{
    app: AppId;
    linked: number | null;
    pushed: number | null;
    applied: number | null;
    archived: number | null;
    deleted: number | null;
    run_id: string | null;
    run_failed: number | null;
  }>(
    db,
    sql`with latest as (${latestFinishedRuns(practiceId)}),
        failing as (
          select distinct latest.app, e.external_id from sync_run_errors e join latest on e.run_id = latest.id where e.practice_id = ${practiceId}
        ),
        counts as (
          select l.app,
                 count(*) filter (where l.status = 'active')::int as linked,
                 count(*) filter (where l.status = 'active' and l.last_pushed_hash is not null and f.external_id is null)::int as pushed,
                 count(*) filter (where l.status = 'external_archived')::int as archived,
                 count(*) filter (where l.status = 'external_deleted')::int as deleted
          from client_links l
          left join failing f on f.app = l.app and f.external_id = l.external_id
          where l.practice_id = ${practiceId}
          group by l.app
        ),
        applied as (
          select l.app, count(*)::int as applied
          from connections cn
          join client_links l on l.practice_id = cn.practice_id and l.app = cn.app and l.status = 'active'
          join directory_records d on d.practice_id = l.practice_id and d.app = l.app and d.external_id = l.external_id
          where cn.practice_id = ${practiceId} and cn.sync_direction = 'from_app' and cn.sync_data <> 'nothing'
            and l.last_synced_hash = ${syncedHashSql(sql`d.payload_hash`, sql`cn.sync_data`)}
            and not exists (select 1 from failing f where f.app = l.app and f.external_id = l.external_id)
          group by l.app
        )
        select coalesce(counts.app, latest.app) as app, counts.linked, counts.pushed, applied.applied, counts.archived, counts.deleted,
               latest.id as run_id, latest.failed as run_failed
        from counts full join latest on latest.app = counts.app
        left join applied on applied.app = coalesce(counts.app, latest.app)`,
  );
  return new Map(
    rows.map((r) => {
      const failing = Number(r.run_failed ?? 0);
      return [
        r.app,
        {
          linked: Number(r.linked ?? 0),
          inSync: inStep(
            r,
            // The overviews already read each app's settings: not read again here.
            overviews.find((o) => o.app === r.app)?.settings,
          ),
          failingRecords: failing,
          failingRunId: failing > 0 ? r.run_id : null,
          archivedUpstream: Number(r.archived ?? 0),
          deletedUpstream: Number(r.deleted ?? 0),
        },
      ];
    }),
  );
}

function inStep(counts: { pushed: number | null; applied: number | null }, settings: AppRunOverview['settings'] | undefined): number {
  if (!settings || settings.syncData === 'nothing') return 0;
  return Number((settings.direction === 'from_app' ? counts.applied : counts.pushed) ?? 0);
}
