import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { IntentLink } from '@/components/ui/intent-link';
import { Suspense, type ReactNode } from 'react';
import { ClientListControls } from '@/components/clients/client-list-controls';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { HydrateApart } from '@/components/shell/hydrate-apart';
import { Pagination } from '@/components/shell/pagination';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SourceBadges } from '@/components/client-picker/source-badges';
import { linkFilterLabel, linkFilterPhrase } from '@/lib/clients/link-filter';
import { listClients } from '@/lib/dal/clients';
import { requireMember } from '@/lib/dal/session';
import { type ClientListQuery, clientListQuerySchema } from '@/lib/validation/client';
import { LIST_SEARCH_NOT_RUN, listSearchProblem } from '@/lib/validation/list-search';
import { PracticeRecent } from '@/components/ui/practice-time';
import { countOf } from '@/lib/format/count';
import { TableScroll } from '@/components/ui/table-scroll';
import { taxNumberShown } from '@/lib/clients/tax-number';

export const metadata: Metadata = { title: 'Clients' };

type SearchParams = Record<string, string | string[] | undefined>;

function hrefWith(query: ClientListQuery, changes: Partial<ClientListQuery>): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.status !== 'active') params.set('status', next.status);
  if (next.link !== 'any') params.set('link', next.link);
  if (next.sort !== 'name') params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const search = params.toString();
  return search ? `/clients?${search}` : '/clients';
}

function SortHeader({ query, column, label }: { query: ClientListQuery; column: 'name' | 'updated'; label: string }) {
  const active = query.sort === column || query.sort === `-${column}`;
  const descending = query.sort === `-${column}`;
  const next = active && !descending ? (`-${column}` as const) : column;
  // Icons, not arrow characters: the app's font has no ↕, and a glyph from a system font costs a font lookup (app/font.ts).
  const SortIcon = active ? (descending ? ArrowDown : ArrowUp) : ArrowUpDown;
  return (
    <th scope="col" className="px-4 py-3 font-medium" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <IntentLink href={hrefWith(query, { sort: next, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <SortIcon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">, sort {next.startsWith('-') ? 'descending' : 'ascending'}</span>
      </IntentLink>
    </th>
  );
}

/** The header, with the result line (the list's one live region), and the search and filters. */
function ClientsPageFrame({ isAdmin, resultLine, children }: { isAdmin: boolean; resultLine: string; children?: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Clients"
        description={
          // The result line is the list's one live region: a search or filter changes its text in
          // place (the page re-renders, the element stays), so the new count is heard once, after
          // the controls' "Searching…". Arriving on the page announces nothing.
          <span role="status">{resultLine}</span>
        }
        actions={
          <>
            {isAdmin ? (
              <Button asChild variant="secondary">
                <IntentLink href="/clients/suggested-matches">Suggested matches</IntentLink>
              </Button>
            ) : null}
            <Button asChild>
              <IntentLink href="/clients/new">New client</IntentLink>
            </Button>
          </>
        }
      />
      <Suspense>
        <ClientListControls />
      </Suspense>
      {children}
    </>
  );
}

export default async function ClientsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const renderedAt = new Date(); // "Today" and "Yesterday" in the Updated column count from here
  const raw = await searchParams;
  const query = clientListQuerySchema.parse({
    q: typeof raw.q === 'string' ? raw.q : undefined,
    status: raw.status,
    link: raw.link,
    sort: raw.sort,
    page: raw.page,
  });
  // Too long to search: no list at all, rather than every client beside the search as if they matched.
  // The box keeps the text and says why (UrlSearchField); the result line says the search did not run.
  if (listSearchProblem(raw.q)) return <ClientsPageFrame isAdmin={member.role === 'admin'} resultLine={LIST_SEARCH_NOT_RUN} />;
  const result = await listClients(member, query);
  // A page past the end (the list got shorter, or a hand-typed address) shows the last page:
  // the address says so too, so the Previous/Next links and a shared link agree with the table.
  if (result.page !== query.page) redirect(hrefWith(query, { page: result.page }));
  return (
    <ClientsPageFrame
      isAdmin={member.role === 'admin'}
      resultLine={`${countOf(result.total, `${query.status === 'archived' ? 'archived ' : query.status === 'active' ? 'active ' : ''}client`)}${linkFilterPhrase(query.link)}${query.q ? ` matching “${query.q}”` : ''}`}
    >
      {result.rows.length === 0 ? (
        <EmptyState title={query.q || query.link !== 'any' ? 'No clients match your search' : 'No clients here yet'}>
          {query.q || query.link !== 'any'
            ? 'Try part of the name, an email address or a tax number, or show clients with any link.'
            : 'Create a client, or connect XPM or Gusto to bring yours in.'}
        </EmptyState>
      ) : (
        // A page of rows, each with a link: hydrated after the header and filters, in slices.
        // Last on the page, pagination included (see HydrateApart).
        <HydrateApart>
          <Card padding="none">
            <TableScroll label="Clients" className="rounded-lg">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">
                  Clients, page {result.page} of {result.pageCount}
                </caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <SortHeader query={query} column="name" label="Name" />
                    <th scope="col" className="px-4 py-3 font-medium">
                      Linked to
                    </th>
                    <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                      Email
                    </th>
                    <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                      City
                    </th>
                    <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                      Tax number
                    </th>
                    <SortHeader query={query} column="updated" label="Updated" />
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((client) => (
                    <tr key={client.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                      <td className="px-4 py-3 font-medium">
                        <IntentLink href={`/clients/${client.id}`} className="text-brand-700 hover:underline">
                          {client.name}
                        </IntentLink>
                        {client.archived ? <Badge className="ml-2">Archived</Badge> : null}
                      </td>
                      <td className="px-4 py-3">
                        {client.links.length > 0 ? <SourceBadges sources={client.links} /> : <span className="whitespace-nowrap text-slate-600">Not linked</span>}
                        {client.upstream.map(({ app, state }) => (
                          <span key={app} className="mt-1 block text-xs text-amber-800">
                            {linkFilterLabel(`${app}-${state}`)}
                          </span>
                        ))}
                      </td>
                      <td className="hidden px-4 py-3 md:table-cell">{client.email ?? '—'}</td>
                      <td className="hidden px-4 py-3 md:table-cell">{client.city ?? '—'}</td>
                      <td className="hidden px-4 py-3 whitespace-nowrap md:table-cell tabular-nums">{taxNumberShown(client.taxNumber, client.taxNumberMaskedEnding) ?? '—'}</td>
                      <td className="px-4 py-3 md:whitespace-nowrap">
                        <PracticeRecent value={client.updatedAt} timezone={member.practiceTimezone} now={renderedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </Card>
          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => hrefWith(query, { page })} />
        </HydrateApart>
      )}
    </ClientsPageFrame>
  );
}
