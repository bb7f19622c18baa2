import { isInboundSource, type AppId, type SyncData, type SyncDirection } from '@/lib/sync/rules';
import { nextScheduledRun } from '@/lib/sync/schedule';

export interface NextRunInput {
  app: AppId;
  settings: { syncData: SyncData; direction: SyncDirection };
  /** When the app's latest run started (any trigger), as the scheduler reads it; null if never. */
  lastRunStartedAt: Date | null;
  now: Date;
  timeZone: string;
}

/**
 * The next scheduled sync run of an app, as the card and the Dashboard show it — the same
 * computation the scheduler uses (lib/sync/schedule), so the page never promises a time the
 * scheduler does not keep. Null when nothing is scheduled (the app is not an inbound source).
 * `due`: the time has passed and the scheduler's next tick will queue it.
 */
export function nextRunFor({ app, settings, lastRunStartedAt, now, timeZone }: NextRunInput): { at: Date; due: boolean } | null {
  if (!isInboundSource(settings)) return null;
  const at = nextScheduledRun({ app, lastRunAt: lastRunStartedAt, now, timeZone });
  return { at, due: at.getTime() <= now.getTime() };
}
