/**
 * Suggested matches benchmark (issue 12): the demo practice (300 clients) with XPM's
 * sandbox directory (2,500 clients, as a directory refresh stores them), then the page's
 * data — every suggestion worked out, one page of them shaped for the screen — timed.
 * Prints numbers; it asserts nothing.
 *
 *   npx tsx --conditions=react-server scripts/bench/suggested-matches.ts
 *   BENCH_DATABASE_URL=postgres://…   # also PostgreSQL (a fresh database, dropped after)
 */
import os from 'node:os';
import type { OpenDatabase } from '@/db/open';
import { DEMO_PRACTICE_ID, seedDemo } from '@/db/seed';
import { findSuggestions } from '@/lib/dal/suggested-matches/find-suggestions';
import { toSuggestionView } from '@/lib/dal/suggested-matches/view';
import { cachedSuggestions, clearSuggestionsCache, suggestionsFingerprint } from '@/lib/dal/suggested-matches/cached-suggestions';
import { onBothEngines } from './on-both-engines';
import { seedXpmDirectory } from './xpm-sandbox-directory';
import { summarize, timeEach } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function bench(label: string, open: OpenDatabase) {
  await seedDemo(open.db);
  const records = await seedXpmDirectory(open);
  const all = await findSuggestions(open.db, DEMO_PRACTICE_ID);
  console.log(`\n== ${label}: demo practice (300 clients), ${records} XPM directory records → ${all.length} suggestions`);
  const byReason = new Map<string, number>();
  for (const s of all) for (const r of s.reasons) byReason.set(r, (byReason.get(r) ?? 0) + 1);
  console.log(`   reasons: ${[...byReason].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  console.log(
    `   top: ${all
      .slice(0, 5)
      .map((s) => `${s.client.name} ↔ ${s.record.name} (${s.confidence}%)`)
      .join('; ')}`,
  );
  const page = async () => (await findSuggestions(open.db, DEMO_PRACTICE_ID)).slice(0, 25).map(toSuggestionView);
  // What the page does since suggestions are cached (lib/dal/suggested-matches/cached-suggestions.ts):
  // the fingerprint of their inputs, and the answer worked out only when that changed.
  const cachedPage = async () => (await cachedSuggestions(open.db, DEMO_PRACTICE_ID)).slice(0, 25).map(toSuggestionView);
  clearSuggestionsCache();
  await cachedPage();
  console.log(
    summarize(`${label}: the page's data, cached (inputs unchanged: the fingerprint query and one page of views)`, await timeEach(Array.from({ length: RUNS }), cachedPage)),
  );
  console.log(summarize(`${label}: the fingerprint query alone`, await timeEach(Array.from({ length: RUNS }), () => suggestionsFingerprint(open.db, DEMO_PRACTICE_ID))));
  await timeEach(Array.from({ length: 5 }), page);
  const cpuBefore = process.cpuUsage();
  console.log(summarize(`${label}: the page's data, worked out (inputs changed: all suggestions + one page of views)`, await timeEach(Array.from({ length: RUNS }), page)));
  // This process's CPU per call: on PGlite that is all the work (the database runs here), so
  // it says what a call costs on an idle machine, however busy this one is.
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `${label}: CPU in this process per call ${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(0)} ms (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
}

// PGlite in this process: its CPU time per call (printed) is then all the query work.
await onBothEngines('suggest', bench, { thread: false });
