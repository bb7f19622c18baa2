import { IntentLink } from '@/components/ui/intent-link';
import { Card, CardTitle } from '@/components/ui/card';
import { countOf } from '@/lib/format/count';
import { attentionNotice } from '@/lib/health/attention';
import { countAttention, listAttention } from '@/lib/dal/attention';
import type { Member } from '@/lib/dal/session';

/**
 * "Needs attention" on the Dashboard (issue 12): what the shell's badge counts, each item saying
 * what is wrong and linking to its fix — Reconnect on the app's card, a run's page for retrying
 * failed records or reviewing a paused sync, a proposal for a deployment's retry or choice.
 * Authors read the same list with what to ask an admin for. Nothing when all is well.
 */
export async function NeedsAttention({ member }: { member: Member }) {
  const [items, total] = await Promise.all([listAttention(member), countAttention(member)]);
  if (items.length === 0) return null;
  const notices = items.map((item) => attentionNotice(item, member.role));
  const more = total - items.length;
  return (
    <Card tone="attention" className="mb-4" aria-labelledby="attention-title" data-testid="needs-attention">
      <CardTitle id="attention-title">Needs attention</CardTitle>
      <ul className="mt-2 space-y-3 text-sm">
        {notices.map((notice) => (
          <li key={notice.key} data-testid={`attention-${notice.key}`} className="break-words">
            <p className="text-slate-900">{notice.problem}</p>
            {notice.fix.href ? (
              <IntentLink href={notice.fix.href} className="font-medium text-brand-700 underline">
                {notice.fix.label}
              </IntentLink>
            ) : (
              <p className="text-slate-700">{notice.fix.label}</p>
            )}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-3 text-sm text-slate-700">…and {countOf(more, 'more item')}: fix these first, and the rest appear here.</p> : null}
    </Card>
  );
}
