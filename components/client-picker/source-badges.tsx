import { Badge } from '@/components/ui/badge';
import type { PickerSource } from '@/lib/dal/client-picker/search-query';
import { cn } from '@/lib/cn';

export const SOURCE_LABEL: Readonly<Record<PickerSource, string>> = { practice: 'Practice Sync', xpm: 'XPM', gusto: 'Gusto' };
export const GROUP_HEADING: Readonly<Record<PickerSource, string>> = {
  practice: 'Practice Sync clients',
  xpm: 'XPM clients',
  gusto: 'Gusto companies',
};

const SOURCE_CLASS: Readonly<Record<PickerSource, string>> = {
  practice: 'bg-brand-100 text-brand-800',
  xpm: 'bg-sky-100 text-sky-900',
  gusto: 'bg-orange-100 text-orange-900',
};

/** Where a client lives: one badge per source, so a linked client shows both. */
export function SourceBadges({ sources, className }: { sources: readonly PickerSource[]; className?: string }) {
  return (
    <span className={cn('inline-flex flex-wrap gap-1', className)}>
      {sources.map((source) => (
        <Badge key={source} className={SOURCE_CLASS[source]}>
          {SOURCE_LABEL[source]}
        </Badge>
      ))}
    </span>
  );
}
