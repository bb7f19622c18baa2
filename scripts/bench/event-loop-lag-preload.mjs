/**
 * Preloaded into `next start` by `npm run bench:during-sync` (with `--import`): the server's
 * event-loop lag (requirement 8: p99 ≤ 100 ms during a run). A 10 ms timer notes how late it
 * fires; each sample (wall clock ms, lag ms) goes to BENCH_LAG_FILE once a second, so the
 * bench can take the samples inside the run's own span (sync_runs' times are wall clock too).
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_LAG_FILE;
const INTERVAL_MS = 10;
if (file) {
  let lines = [];
  let expected = performance.now() + INTERVAL_MS;
  const tick = () => {
    const now = performance.now();
    lines.push(`${Date.now()} ${Math.max(0, now - expected).toFixed(1)}`);
    expected = now + INTERVAL_MS;
    setTimeout(tick, INTERVAL_MS).unref();
  };
  setTimeout(tick, INTERVAL_MS).unref();
  const flush = () => {
    if (lines.length === 0) return;
    appendFileSync(file, `${lines.join('\n')}\n`);
    lines = [];
  };
  setInterval(flush, 1_000).unref();
  process.on('exit', flush);
}
