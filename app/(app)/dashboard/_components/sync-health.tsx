import { cache, Suspense } from 'react';
import { IntentLink } from '@/components/ui/intent-link';
import { LastRunFacts } from '@/components/sync-runs/last-run-facts';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { countOf, formatCount } from '@/lib/format/count';
import { type AppHealth, type LinkHealth, listSyncHealth } from '@/lib/dal/sync-health';
import { countSuggestedMatches } from '@/lib/dal/suggested-matches/review';
import type { AppId } from '@/lib/apps/ids';
import { clientListHref } from '@/lib/clients/link-filter';
import type { Member } from '@/lib/dal/session';
import { notInboundReason, runDirectionText } from '@/lib/sync/runs/format';
import { CAPABILITIES } from '@/lib/sync/rules';

const CONNECTION_BADGE: Record<AppHealth['status'], { label: string; tone: 'success' | 'warning' | 'danger' }> = {
  connected: { label: 'Connected', tone: 'success' },
  needs_reauth: { label: 'Needs re-authorisation', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
};

/**
 * The Dashboard's sync health (issue 12): per connected app, whether its connection works, its
 * last and next run and, for admins, how its linked clients stand. Authors see the short version
 * (status, last and next run); what to fix is in "Needs attention" above.
 */
export async function SyncHealth({ member }: { member: Member }) {
  const apps = await listSyncHealth(member);
  return (
    <Card className="mt-4" aria-labelledby="sync-health-title" data-testid="sync-overview">
      <CardTitle id="sync-health-title">Sync health</CardTitle>
      {apps.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No app is connected, so nothing syncs yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {apps.map(({ overview, status, links }) => {
            const reason = notInboundReason(overview.app, overview.settings);
            const badge = CONNECTION_BADGE[status];
            return (
              <li key={overview.app} className="py-3" data-testid={`${overview.app}-health`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="text-sm font-semibold">
                    {CAPABILITIES[overview.app].label}
                    {reason ? null : <span className="font-normal text-slate-600"> · {runDirectionText(overview.app, overview.settings.direction)}</span>}
                  </h3>
                  <Badge tone={badge.tone} data-testid={`${overview.app}-health-status`}>
                    {badge.label}
                  </Badge>
                </div>
                {reason ? <p className="mt-1 text-sm text-slate-700">{reason}</p> : null}
                {overview.activeRun ? (
                  <p className="mt-1 text-sm text-slate-800">
                    A sync is {overview.activeRun.status === 'running' ? 'running' : 'waiting to start'} now.{' '}
                    <IntentLink href={`/sync-history/${overview.activeRun.id}`} className="font-medium text-brand-700 underline">
                      Follow it
                    </IntentLink>
                  </p>
                ) : null}
                <LastRunFacts
                  overview={overview}
                  timezone={member.practiceTimezone}
                  isAdmin={member.role === 'admin'}
                  className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2"
                />
                {links ? <LinkFacts app={overview.app} links={links} member={member} /> : null}
              </li>
            );
          })}
        </ul>
      )}
      <IntentLink className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href="/sync-history">
        View Sync history
      </IntentLink>
    </Card>
  );
}

/** Admins only: linked clients in step, records failing (with the retry), links needing attention (each to its fix). */
function LinkFacts({ app, links, member }: { app: AppId; links: LinkHealth; member: Member }) {
  const name = CAPABILITIES[app].shortLabel;
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid={`${app}-link-health`}>
      <div>
        <dt className="text-slate-600">Clients in sync</dt>
        <dd data-testid={`${app}-in-sync`}>
          {/* "0 of 0 linked clients" reads like a fault: with nothing linked, say so. */}
          {links.linked === 0 ? 'No clients linked yet' : `${formatCount(links.inSync)} of ${countOf(links.linked, 'linked client')}`}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Records failing</dt>
        <dd data-testid={`${app}-failing`}>
          {formatCount(links.failingRecords)}
          {links.failingRunId ? (
            <>
              {' '}
              <IntentLink href={`/sync-history/${links.failingRunId}`} className="font-medium text-brand-700 underline">
                Retry failed records<span className="sr-only"> of {name}</span>
              </IntentLink>
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Links needing attention</dt>
        <dd data-testid={`${app}-upstream`}>
          {/* Suggestions take a moment when their inputs changed since the last look: the rest of the page does not wait. */}
          <Suspense fallback={<LinkAttention app={app} links={links} suggested={null} />}>
            <LinkAttentionWithSuggestions app={app} links={links} member={member} />
          </Suspense>
        </dd>
      </div>
    </dl>
  );
}

/** Per request, one count for every app's figure. */
const suggestedCounts = cache((member: Member) => countSuggestedMatches(member));

async function LinkAttentionWithSuggestions({ app, links, member }: { app: AppId; links: LinkHealth; member: Member }) {
  const counts = await suggestedCounts(member);
  return <LinkAttention app={app} links={links} suggested={counts.find((c) => c.app === app)?.count ?? 0} />;
}

/**
 * Records the app archived or deleted (each figure opens the client list filtered to them,
 * where Unlink or Relink is on each client's page) and ambiguous matches (the review page).
 * `suggested` is null while it is being counted.
 */
function LinkAttention({ app, links, suggested }: { app: AppId; links: LinkHealth; suggested: number | null }) {
  const name = CAPABILITIES[app].shortLabel;
  const items = [
    links.archivedUpstream > 0 ? { key: 'archived', href: clientListHref(`${app}-archived`), text: `${formatCount(links.archivedUpstream)} archived in ${name}` } : null,
    links.deletedUpstream > 0 ? { key: 'deleted', href: clientListHref(`${app}-deleted`), text: `${formatCount(links.deletedUpstream)} deleted in ${name}` } : null,
    suggested
      ? { key: 'suggested', href: '/clients/suggested-matches', text: `${countOf(suggested, 'suggested match', 'suggested matches')} to review`, srOnly: ` for ${name}` }
      : null,
  ].filter((item) => item !== null);
  if (items.length === 0) return suggested === null ? <span className="text-slate-600">Checking…</span> : 'None';
  return (
    <ul className="space-y-1">
      {items.map((item) => (
        <li key={item.key}>
          <IntentLink href={item.href} className="font-medium text-brand-700 underline">
            {item.text}
            {'srOnly' in item ? <span className="sr-only">{item.srOnly}</span> : null}
          </IntentLink>
        </li>
      ))}
      {suggested === null ? <li className="text-slate-600">Checking for suggested matches…</li> : null}
    </ul>
  );
}
