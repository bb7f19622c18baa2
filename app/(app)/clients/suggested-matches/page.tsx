import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/shell/page-header';
import { Pagination } from '@/components/shell/pagination';
import { Button } from '@/components/ui/button';
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
      {/* The heading's count is drawn with the list: it changes as pairs are decided, before the page's refresh. */}
      <SuggestionReview
        rows={result.rows}
        listed={{ asOf: result.asOf, total: result.total, atOrAbove: result.atOrAbove, linkable: result.linkable }}
        headerActions={
          <Button asChild variant="secondary">
            <Link href="/clients">All clients</Link>
          </Button>
        }
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
