import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Pagination } from '@/components/shell/pagination';
import { Card } from '@/components/ui/card';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { listSyncRuns, type SyncRunListRow, type SyncRunSummary } from '@/lib/dal/sync-runs';
import { requireMember } from '@/lib/dal/session';
import { appShortName, COUNT_COLUMNS, formatCount, pausedCountsText, runDurationText, triggerText } from '@/lib/sync/runs/format';
import { runKindText, undoCountsSummary } from '@/lib/sync/runs/undo-format';
import { RunStatusBadge } from '../_components/run-status-badge';
import { pageFrom } from '../page-query';

export const metadata: Metadata = { title: 'Sync history' };

function historyHref(page: number): string {
  return page > 1 ? `/sync-history?page=${page}` : '/sync-history';
}

/**
 * A run's counts in words, in one cell across the count columns, when its columns would
 * mislead: an undo reads, creates and links nothing; a run paused for review has done nothing
 * yet ("Read 0 … Skipped 35" beside zeros). Null: the columns say it.
 */
function countsInWords(run: SyncRunListRow): string | null {
  if (run.trigger === 'undo') return undoCountsSummary(run.app, run.direction, run.status, run.counts);
  if (run.status === 'needs_review') return pausedCountsText(run.direction, run.counts, run.total);
  return null;
}

/** The run's start (or, while it waits, when it was asked for), linking to its page. */
function RunLink({ run, timezone }: { run: SyncRunSummary; timezone: string }) {
  return (
    <Link href={`/sync-history/${run.id}`} className="text-brand-700 hover:underline">
      {run.startedAt ? (
        <PracticeDateTime value={run.startedAt} timezone={timezone} />
      ) : (
        <>
          Waiting since <PracticeDateTime value={run.queuedAt} timezone={timezone} />
        </>
      )}
      {/* In brackets: the sr-only span is read after a space (it is positioned, so a separate
          block to the name's computation), which put a stray space before a comma. */}
      <span className="sr-only">(open this {appShortName(run.app)} run)</span>
    </Link>
  );
}

const UNDONE_TEXT = { whole: 'Undone', part: 'Undone part-way' } as const;

/** Under a run's status: an undo took it back, so its counts no longer stand. */
function UndoneNote({ undone }: { undone: SyncRunListRow['undone'] }) {
  return undone ? <span className="mt-1 block text-xs text-slate-700">{UNDONE_TEXT[undone]}</span> : null;
}

export default async function SyncHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const requested = pageFrom(await searchParams);
  const result = await listSyncRuns(member, { page: requested });
  // Each row's counts in words, worked out once for the table and the phone's cards alike.
  const rows = result.rows.map((run) => ({ run, words: countsInWords(run) }));
  // Past the end: the last page, with an address that says so (as on Clients).
  if (result.page !== requested) redirect(historyHref(result.page));
  const timezone = member.practiceTimezone;
  return (
    <>
      <PageHeader title="Sync history" focusOnArrival description="Every sync run: what it read, what it changed, and what failed. Open a run to see each client's changes." />
      {result.total === 0 ? (
        <EmptyState title="No syncs have run">
          Syncs appear here once an app is connected on{' '}
          <Link href="/integrations" className="text-brand-700 underline">
            Integrations
          </Link>{' '}
          and set to send client data here, on schedule or with Sync now.
        </EmptyState>
      ) : (
        <>
          {/* Wide screens: one row per run. Narrow screens get the list below instead (display:none hides the other from everyone). */}
          <Card padding="none" className="relative hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm" data-testid="sync-history">
              <caption className="sr-only">
                Sync runs, newest first, page {result.page} of {result.pageCount}
              </caption>
              {/* The counts are a column group: an undo's one cell across them is headed "Counts", not "Read". */}
              <colgroup span={4} />
              <colgroup span={COUNT_COLUMNS.length} />
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  {['Started', 'App and trigger', 'Duration', 'Status'].map((label) => (
                    <th key={label} scope="col" rowSpan={2} className="px-2.5 py-3 align-bottom font-medium">
                      {label}
                    </th>
                  ))}
                  <th id="history-counts" scope="colgroup" colSpan={COUNT_COLUMNS.length} className="px-2.5 pt-2 text-center text-xs font-medium text-slate-600">
                    Counts
                  </th>
                </tr>
                <tr>
                  {COUNT_COLUMNS.map((c) => (
                    <th key={c.key} scope="col" className="px-2.5 pt-1 pb-3 text-right font-medium">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ run, words }) => (
                  <tr key={run.id} className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50">
                    <th scope="row" id={`run-${run.id}`} className="px-2.5 py-3 text-left font-medium">
                      <RunLink run={run} timezone={timezone} />
                    </th>
                    <td className="px-2.5 py-3">
                      <span className="block whitespace-nowrap">{runKindText(run)}</span> <span className="block text-slate-600">{triggerText(run)}</span>
                    </td>
                    <td className="px-2.5 py-3 whitespace-nowrap">{runDurationText(run) ?? '—'}</td>
                    <td className="px-2.5 py-3 whitespace-nowrap">
                      <RunStatusBadge run={run} />
                      <UndoneNote undone={run.undone} />
                    </td>
                    {words !== null ? (
                      <td
                        colSpan={COUNT_COLUMNS.length}
                        headers={`run-${run.id} history-counts`}
                        className={`px-2.5 py-3 ${run.counts.failed > 0 ? 'font-semibold text-red-800' : ''}`}
                      >
                        {words}
                      </td>
                    ) : (
                      COUNT_COLUMNS.map((c) => (
                        <td key={c.key} className={`px-2.5 py-3 text-right tabular-nums ${c.key === 'failed' && run.counts.failed > 0 ? 'font-semibold text-red-800' : ''}`}>
                          {formatCount(run.counts[c.key])}
                        </td>
                      ))
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <ul className="space-y-3 md:hidden" aria-label={`Sync runs, newest first, page ${result.page} of ${result.pageCount}`}>
            {rows.map(({ run, words }) => (
              <li key={run.id}>
                <Card padding="compact" className="text-sm">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="font-medium">
                      <RunLink run={run} timezone={timezone} />
                    </p>
                    <RunStatusBadge run={run} />
                  </div>
                  <p className="mt-1 text-slate-700">
                    {runKindText(run)} · {triggerText(run)}
                    {runDurationText(run) ? ` · took ${runDurationText(run)}` : ''}
                    {run.undone ? ` · ${UNDONE_TEXT[run.undone]}` : ''}
                  </p>
                  {words !== null ? (
                    <p className={`mt-3 ${run.counts.failed > 0 ? 'font-semibold text-red-800' : 'text-slate-900'}`}>{words}</p>
                  ) : (
                    <dl className="mt-3 grid grid-cols-4 gap-x-2 gap-y-2">
                      {COUNT_COLUMNS.map((c) => (
                        <div key={c.key}>
                          <dt className="text-xs text-slate-600">{c.label}</dt>
                          <dd className={`tabular-nums ${c.key === 'failed' && run.counts.failed > 0 ? 'font-semibold text-red-800' : 'text-slate-900'}`}>
                            {formatCount(run.counts[c.key])}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={historyHref} />
    </>
  );
}
