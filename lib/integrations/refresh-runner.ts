import 'server-only';
import { processWide } from '@/lib/providers/process-wide';
import { refreshDirectory, type RefreshOutcome } from './directory-refresh';

/**
 * "Refresh now" answers within a bound instead of holding the request for as long as the app
 * takes (a frozen XPM held it for minutes). The refresh itself carries on in this server
 * process and records its outcome on the connection (last error / last success), where the
 * card shows it. There is no job queue yet, so "in the background" means "this process".
 *
 * At most one refresh per connection runs in the process: a second "Refresh now" (another
 * tab, a double click, the OAuth callback's first fill) joins the running one. The registry
 * is process-wide, so the server action's and the OAuth route's bundles share it.
 */
export const DEFAULT_REFRESH_WAIT_MS = 15_000;
export const STILL_REFRESHING = 'Still refreshing — the result will appear on this card.';

export type RefreshSettled = { status: 'done'; outcome: RefreshOutcome } | { status: 'failed'; error: unknown };
export type RefreshAnswer = RefreshSettled | { status: 'still_running' };

const running = processWide('integrations.runningRefreshes', () => new Map<string, Promise<RefreshSettled>>());

/** Starts (or joins) the connection's refresh and waits at most `waitMs` for its outcome. */
export async function refreshWithin(practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }, waitMs = DEFAULT_REFRESH_WAIT_MS): Promise<RefreshAnswer> {
  const settled = runningRefresh(connection.id) ?? start(practiceId, connection);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<RefreshAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'still_running' }), waitMs);
  });
  try {
    return await Promise.race([settled, bound]);
  } finally {
    clearTimeout(timer);
  }
}

function start(practiceId: string, connection: { id: string; app: 'xpm' | 'gusto' }): Promise<RefreshSettled> {
  // Never rejects: a refresh nobody waits for any more must not become an unhandled rejection.
  // refreshDirectory has already recorded a failure on the connection by the time it throws.
  const settled: Promise<RefreshSettled> = refreshDirectory(practiceId, connection)
    .then(
      (outcome): RefreshSettled => ({ status: 'done', outcome }),
      (error: unknown): RefreshSettled => ({ status: 'failed', error }),
    )
    .finally(() => {
      if (running.get(connection.id) === settled) running.delete(connection.id);
    });
  running.set(connection.id, settled);
  return settled;
}

/** The refresh running for this connection in this process, if any (the card shows it; tests await it). */
export function runningRefresh(connectionId: string): Promise<RefreshSettled> | undefined {
  return running.get(connectionId);
}
