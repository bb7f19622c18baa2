import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ProposalListControls } from '@/components/proposals/proposal-list-controls';
import { ProposalStatusBadge } from '@/components/proposals/proposal-status-badge';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Pagination } from '@/components/shell/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { countProposalsByStatus, listProposals } from '@/lib/dal/proposals/list';
import { requireMember } from '@/lib/dal/session';
import { formatMoney } from '@/lib/money';
import { type ProposalListQuery, proposalListQuerySchema } from '@/lib/validation/proposal';
import { LIST_SEARCH_NOT_RUN, listSearchProblem } from '@/lib/validation/list-search';
import { PracticeRecent } from '@/components/ui/practice-time';
import { countOf } from '@/lib/format/count';
import { TableScroll } from '@/components/ui/table-scroll';

export const metadata: Metadata = { title: 'Proposals' };

type SearchParams = Record<string, string | string[] | undefined>;

function hrefWith(query: ProposalListQuery, changes: Partial<ProposalListQuery>): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.status !== 'all') params.set('status', next.status);
  if (next.page > 1) params.set('page', String(next.page));
  const search = params.toString();
  return search ? `/proposals?${search}` : '/proposals';
}

export default async function ProposalsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const renderedAt = new Date(); // "Today" and "Yesterday" in the Updated column count from here
  const raw = await searchParams;
  const query = proposalListQuerySchema.parse({ q: typeof raw.q === 'string' ? raw.q : undefined, status: raw.status, page: raw.page });
  // Too long to search: no list at all, rather than every proposal beside the search as if they matched.
  // The box keeps the text and says why (UrlSearchField); the result line says the search did not run.
  const notSearched = listSearchProblem(raw.q) !== null;
  const [result, counts] = await Promise.all([notSearched ? null : listProposals(member, query), countProposalsByStatus(member)]);
  const filtered = Boolean(query.q) || query.status !== 'all';
  const everything = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader
        title="Proposals"
        description={
          // The result line is the list's one live region, as on /clients: a search or the status
          // filter changes its text in place (the page re-renders, the element stays), so the new
          // count is heard once, after the controls' "Searching…". Arriving announces nothing.
          <span role="status">
            {result ? `${countOf(result.total, 'proposal')}${query.status !== 'all' ? ` (${query.status})` : ''}${query.q ? ` matching “${query.q}”` : ''}` : LIST_SEARCH_NOT_RUN}
          </span>
        }
        actions={
          <Button asChild>
            <Link href="/proposals/new">New proposal</Link>
          </Button>
        }
      />
      {/* With no proposals there is nothing to search; but a search too long to run keeps its box, to say why. */}
      {everything > 0 || notSearched ? (
        <Suspense>
          <ProposalListControls counts={counts} />
        </Suspense>
      ) : null}
      {!result ? null : result.rows.length === 0 ? (
        <EmptyState title={filtered ? 'No proposals match' : 'No proposals yet'}>
          {filtered ? (
            'Try part of the title or the client’s name, or show all statuses.'
          ) : (
            <>
              A proposal names its client — from your clients, XPM or Gusto — and the services it covers.{' '}
              <Link href="/proposals/new" className="font-medium text-brand-700 underline">
                Write your first proposal
              </Link>
            </>
          )}
        </EmptyState>
      ) : (
        <Card padding="none">
          <TableScroll label="Proposals" className="rounded-lg">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                Proposals, most recently updated first, page {result.page} of {result.pageCount}
              </caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Title
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Client
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Total
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Updated
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                    <td className="px-4 py-3 font-medium">
                      <Link href={`/proposals/${row.id}`} className="text-brand-700 hover:underline">
                        {row.title}
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <ProposalStatusBadge status={row.status} />
                    </td>
                    <td className="px-4 py-3">{row.clientName ?? <span className="text-slate-600">No client yet</span>}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{formatMoney(row.totalCents)}</td>
                    <td className="px-4 py-3 md:whitespace-nowrap">
                      <PracticeRecent value={row.updatedAt} timezone={member.practiceTimezone} now={renderedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      )}
      {result ? <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => hrefWith(query, { page })} /> : null}
    </>
  );
}
