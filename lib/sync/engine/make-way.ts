/**
 * What a run does between two batches so that people using the app go first (DESIGN §6: the
 * picker stays fast while a run applies). Two parts:
 *
 * 1. A pause proportional to the batch just applied (./pace.ts `pauseAfter`): at least one
 *    turn of the event loop, longer when someone is using the app.
 * 2. When someone is using the app, a quiet moment before the next batch: no request of
 *    theirs holding or waiting for the database. On PGlite a batch holds the database's one
 *    connection until it commits, so a search that arrives just after a batch began waits for
 *    all of it; starting batches only when nobody's statements are in flight lets the
 *    searches that were queued behind the last batch run first, instead of queuing again
 *    behind the next. The wait is bounded, so a run under constant use still moves.
 */

export interface QuietOptions {
  /** How many requests are using the database now (db/busy.ts). */
  busy: () => number;
  /** How long nobody must have used it: a search is often two statements with a gap between. */
  quietMs: number;
  /** The run moves on after this long however busy the database is. */
  maxWaitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pauses `ms` (one turn of the event loop when 0). */
export function pause(ms: number): Promise<void> {
  return new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/**
 * Resolves once the database has been free of others' requests for `quietMs`, or after
 * `maxWaitMs`. Returns how long it waited, for the benchmark's figures.
 */
export async function waitForQuietDatabase({ busy, quietMs, maxWaitMs, now = () => performance.now(), sleep = sleepFor }: QuietOptions): Promise<number> {
  const started = now();
  let quietSince: number | null = null;
  for (;;) {
    const at = now();
    if (busy() > 0) quietSince = null;
    else quietSince ??= at;
    if (quietSince !== null && at - quietSince >= quietMs) return at - started;
    if (at - started >= maxWaitMs) return at - started;
    await sleep(1);
  }
}
