import { foregroundActiveWithin } from '@/lib/jobs/foreground';

/**
 * How a run paces itself between batches (one transaction each): how many records a batch
 * takes, and how much of the time it leaves to people using the app.
 *
 * Nobody using the app: large batches, for throughput (≥ 2,000 records/s, DESIGN §6) — a
 * commit costs the same for 25 records as for 500. Someone used it within FOREGROUND_WINDOW_MS:
 * small batches and a pause after each, so their request never waits long behind one. On PGlite
 * a transaction holds the database's one connection, so a picker search waits for the whole
 * batch in progress (sent in few round trips, ./apply-batch.ts, so it holds the connection
 * about as long as its own work); on PostgreSQL the batch and the request share the machine's
 * CPU. On both the run keeps to a quarter of the time, in short batches (25 records): the
 * fewer searches meet a batch, the fewer wait (`npm run bench:during-sync`, docs/sync-engine.md
 * "Pace"). A run then takes longer, which nobody watching a progress bar minds as much as a
 * slow editor.
 */
export const FOREGROUND_WINDOW_MS = 2_000;

export interface Pace {
  batchSize: number;
  /**
   * Share of the time left to others after each batch: 0 is one turn of the event loop; 0.5
   * pauses as long as the batch took.
   */
  yieldShare: number;
  /**
   * Before the next batch, wait until people's requests leave the database alone for
   * `quietMs` (at most `maxWaitMs`; ./make-way.ts), or null to go straight on.
   */
  quiet: { quietMs: number; maxWaitMs: number } | null;
}

/** A search is a few statements with short gaps between them; the wait must outlast a gap. */
const FOREGROUND_QUIET = { quietMs: 3, maxWaitMs: 250 };

export const PACES = {
  embedded: { idle: { batchSize: 500, yieldShare: 0, quiet: null }, foreground: { batchSize: 25, yieldShare: 0.75, quiet: FOREGROUND_QUIET } },
  postgres: { idle: { batchSize: 500, yieldShare: 0, quiet: null }, foreground: { batchSize: 25, yieldShare: 0.75, quiet: FOREGROUND_QUIET } },
} as const satisfies Record<string, Record<'idle' | 'foreground', Pace>>;

export type DatabaseKind = keyof typeof PACES;

/** The pace for the next batch; a fixed batch size (tests, benchmarks) overrides it. */
export function paceFor(kind: DatabaseKind, fixedBatchSize?: number, now: number = Date.now()): Pace {
  if (fixedBatchSize !== undefined) return { batchSize: Math.max(1, fixedBatchSize), yieldShare: 0, quiet: null };
  return PACES[kind][foregroundActiveWithin(FOREGROUND_WINDOW_MS, now) ? 'foreground' : 'idle'];
}

/** How long to wait after a batch that took `batchMs`, to leave others `yieldShare` of the time. */
export function pauseAfter(batchMs: number, yieldShare: number): number {
  if (yieldShare <= 0) return 0;
  const share = Math.min(yieldShare, 0.9); // the run must still move
  return Math.round((batchMs * share) / (1 - share));
}
