import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { appShortLabel } from '@/lib/apps/registry';
import type { Member } from '@/lib/dal/session';
import { countSuggestedMatches } from '@/lib/dal/suggested-matches/review';
import { countOf } from '@/lib/format/count';

/**
 * Points an admin at the suggested matches when a connected app has any: clients here that
 * are probably one of that app's records but were not linked by exact name. Streamed, so
 * working them out never holds up the cards.
 */
export async function SuggestedMatchesNotice({ member }: { member: Member }) {
  const counts = await countSuggestedMatches(member);
  if (counts.length === 0) return null;
  return (
    <Alert tone="info" className="mt-4" data-testid="suggested-matches-notice">
      {counts.map(({ app, count }) => `${appShortLabel(app)}: ${countOf(count, 'suggested match', 'suggested matches')}`).join('; ')} between your clients and records not yet
      linked.{' '}
      <Link href="/clients/suggested-matches" className="font-medium underline">
        Review suggested matches
      </Link>
    </Alert>
  );
}
