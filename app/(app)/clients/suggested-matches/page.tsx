import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, PageHeader } from '@/components/shell/page-header';
import { Pagination } from '@/components/shell/pagination';
import { Button } from '@/components/ui/button';
import { countOf } from '@/lib/format/count';
import { requireAdmin } from '@/lib/dal/session';
import { listSuggestedMatches } from '@/lib/dal/suggested-matches/review';
import { BULK_CONFIDENCE_CHOICES } from '@/lib/sync/matching';
import { SuggestionReview } from './_components/suggestion-review';

export const metadata: Metadata = { title: 'Suggested matches' };

type SearchParams = Record<string, string | string[] | undefined>;

function pageParam(raw: string | string[] | undefined): number {
  const n = typeof raw === 'string' ? Number.parseInt(raw, 10) : 1;
  return Number.isFinite(n) && n > 0 ? n : 1;
}

const hrefFor = (page: number) => (page > 1 ? `/clients/suggested-matches?page=${page}` : '/clients/suggested-matches');

/**
 * Likely pairs between the practice's clients and its connected apps' records that no
 * exact name linked: the admin confirms (links) or dismisses each, or many at once.
 */
export default async function SuggestedMatchesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireAdmin();
  const result = await listSuggestedMatches(member, pageParam((await searchParams).page), BULK_CONFIDENCE_CHOICES);
  return (
    <>
      <PageHeader
        title="Suggested matches"
        description={
          result.total === 0
            ? 'Clients here that are probably the same business as a record in XPM or Gusto.'
            : `${countOf(result.total, 'likely pair')} of a client here and an XPM or Gusto record that are not linked, best first. Confirm a pair to link it; dismiss it and it is not suggested again.`
        }
        actions={
          <Button asChild variant="secondary">
            <Link href="/clients">All clients</Link>
          </Button>
        }
      />
      <SuggestionReview
        rows={result.rows}
        atOrAbove={result.atOrAbove}
        empty={
          <EmptyState title="No suggested matches">
            Every client that looks like an XPM client or Gusto company is linked, dismissed or matched by its exact name during syncs. New suggestions appear when the apps’
            directories refresh.{' '}
            <Link href="/integrations" className="font-medium text-brand-700 underline">
              Go to Integrations
            </Link>
          </EmptyState>
        }
      />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
    </>
  );
}
