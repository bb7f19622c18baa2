import { Badge } from '@/components/ui/badge';
import { APPS } from '@/lib/apps/registry';
import type { PickerSource } from '@/lib/dal/client-picker/search-query';
import { cn } from '@/lib/cn';

const apps = Object.values(APPS);

/** Badges and group headings: Practice Sync's own, and each app's from the registry ("XPM", "Gusto companies"). */
export const SOURCE_LABEL: Readonly<Record<PickerSource, string>> = { practice: 'Practice Sync', ...Object.fromEntries(apps.map((a) => [a.id, a.shortLabel])) } as Record<
  PickerSource,
  string
>;
export const GROUP_HEADING: Readonly<Record<PickerSource, string>> = {
  practice: 'Practice Sync clients',
  ...Object.fromEntries(apps.map((a) => [a.id, `${a.shortLabel} ${a.recordsNoun ?? 'clients'}`])),
} as Record<PickerSource, string>;

const SOURCE_CLASS: Readonly<Record<PickerSource, string>> = {
  practice: 'bg-brand-100 text-brand-800',
  xpm: 'bg-sky-100 text-sky-900',
  gusto: 'bg-orange-100 text-orange-900',
};

export const sourceBadgesClass = 'inline-flex flex-wrap gap-1';

/** Where a client lives: one badge per source, so a linked client shows both. */
export function SourceBadges({ sources, className }: { sources: readonly PickerSource[]; className?: string }) {
  return (
    <span className={cn(sourceBadgesClass, className)}>
      {sources.map((source) => (
        // tone={null}: no tone colours, so the source's own are the only ones (cn() resolves no conflicts).
        <Badge key={source} tone={null} className={SOURCE_CLASS[source]}>
          {SOURCE_LABEL[source]}
        </Badge>
      ))}
    </span>
  );
}
