import type { AppId } from '@/lib/sync/rules';
import type { RunTrigger } from './format';

/**
 * How a From run reads its app, so its page says what its Read counts (count-notes.ts readNote)
 * and the engine reads that way (lib/sync/engine/read-records.ts). Pure.
 *
 * - `full`: every record the app lists. Gusto is always read so: each company in full, changed
 *   or not. So is the onboarding wizard's first sync: connecting filled the directory moments
 *   before, so an incremental read found nothing new and the run showed "Read 0" beside
 *   "Created 2,360" (a trial); its preview promises "The sync itself reads XPM again first".
 * - `retry`: the failed records it retries, read again.
 * - `changes`: XPM's `modifiedsince` list from shortly before the last read (the overlap window,
 *   lib/integrations/directory-refresh.ts), so a record changed in those minutes is read again
 *   by the next run though it has not changed since (a trial's "3 records were new or changed"
 *   a minute after the last run).
 */
export type RunReadKind = 'full' | 'retry' | 'changes';

export function runReadKind(run: { app: AppId; trigger: RunTrigger; retryOfRunId: string | null }): RunReadKind {
  if (run.retryOfRunId !== null) return 'retry';
  if (run.app === 'gusto' || run.trigger === 'onboarding') return 'full';
  return 'changes';
}

/** The wizard's first sync lists XPM in full even where a watermark would allow an incremental read. */
export function readsXpmInFull(run: { trigger?: string; direction?: 'from_app' | 'to_app'; onlyExternalIds: string[] | null }): boolean {
  return run.trigger === 'onboarding' && run.direction !== 'to_app' && run.onlyExternalIds === null;
}
