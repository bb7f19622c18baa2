import type { AppId } from '@/lib/sync/rules';

/**
 * The id of a run's progress status line (its live region, which says the phase): where focus
 * goes after a press that starts or approves a run. Its own module, so a page can name it
 * without loading the progress (and TanStack Query) with it.
 */
export function progressStatusId(app: AppId): string {
  return `${app}-sync-progress-label`;
}
