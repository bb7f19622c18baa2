import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { SkipView } from '@/lib/dal/sync-run-skips';
import type { AppId } from '@/lib/apps/registry';
import type { CountMood } from '@/lib/sync/runs/count-notes';
import { formatCount, recordsText } from '@/lib/sync/runs/format';
import { skipReasonText } from '@/lib/sync/runs/skip-reasons';

const WORDS: Record<CountMood, { title: string; intro: string }> = {
  ran: { title: 'Skipped records', intro: 'Read, and left alone without failing: no client was changed for them.' },
  would: { title: 'Records a sync would skip', intro: 'A sync would leave these alone: no client would be changed for them.' },
};

/**
 * A run's Skipped records (or a preview's): each record by name, why it is left alone, and
 * where to act — the client it is linked to now, or the clients whose name it shares (a trial
 * found "Skipped 1" with no way to tell which record it was). Nothing when there are none.
 */
export function SkippedRecordList({
  app,
  skips,
  mood = 'ran',
  heading: Heading = 'h2',
  className = 'mt-8',
}: {
  app: AppId;
  skips: { rows: SkipView[]; total: number };
  mood?: CountMood;
  /** Its heading's level where it sits inside another section (the setup wizard's). */
  heading?: 'h2' | 'h3' | 'h4';
  className?: string;
}) {
  if (skips.total === 0) return null;
  const words = WORDS[mood];
  const headingId = `skipped-records-${mood}`;
  return (
    <section aria-labelledby={headingId} className={className}>
      <Heading id={headingId} className={Heading === 'h2' ? 'text-lg font-semibold' : 'text-sm font-semibold'}>
        {words.title} <span className="font-normal text-slate-600">({formatCount(skips.total)})</span>
      </Heading>
      <p className="mt-1 text-sm text-slate-700">{words.intro}</p>
      <Card className="mt-3 py-0">
        <ul className="divide-y divide-slate-100" data-testid={mood === 'ran' ? 'skipped-records' : 'preview-skipped-records'}>
          {skips.rows.map((skip) => (
            <li key={skip.externalId} className="py-3 text-sm">
              <p className="font-medium [overflow-wrap:anywhere]">{skip.recordName ?? `Record ${skip.externalId}`}</p>
              <p className="text-slate-800">{skipReasonText(app, skip.reason, mood)}</p>
              <SkipAction skip={skip} />
            </li>
          ))}
        </ul>
      </Card>
      {skips.total > skips.rows.length ? (
        <p className="mt-2 text-sm text-slate-700">
          Showing the first {formatCount(skips.rows.length)} of {recordsText(skips.total)}.
        </p>
      ) : null}
    </section>
  );
}

function SkipAction({ skip }: { skip: SkipView }) {
  if (skip.linkedClient)
    return (
      <p className="mt-1 text-slate-700">
        Linked now to{' '}
        <Link href={`/clients/${skip.linkedClient.id}`} className="font-medium text-brand-700 underline">
          {skip.linkedClient.name}
        </Link>
        .
      </p>
    );
  if (skip.namesakes.length === 0) return null;
  // Where "Link to …" is: the clients a sync compared the record with (by normalised name).
  return (
    <p className="mt-1 text-slate-700">
      {skip.namesakes.length === 1 ? 'Client with this name: ' : 'Clients with this name: '}
      {skip.namesakes.map((client, i) => (
        <span key={client.id}>
          {i > 0 ? ', ' : null}
          <Link href={`/clients/${client.id}`} className="font-medium text-brand-700 underline">
            {client.name}
          </Link>
          <span className="[overflow-wrap:anywhere]"> ({client.detail})</span>
        </span>
      ))}
      {skip.namesakeCount > skip.namesakes.length ? `, and ${formatCount(skip.namesakeCount - skip.namesakes.length)} more` : null}
    </p>
  );
}
