/**
 * Suggested matches as an admin reviews them (a user trial: first load 6.75 s, each Confirm or
 * Dismiss 2.5–6 s): the demo practice (300 clients) with XPM's sandbox directory (2,500
 * records) and 24 more clients that are near-twins of XPM records (a letter swapped), so
 * there are pairs to decide. Timed as the page and its actions do it, through the DAL, each
 * step marked as a person's request first (as reading the session does), so the work is paced
 * as it is while someone uses the app:
 *
 * - first load: the page with nothing cached (listSuggestedMatches);
 * - reload: the page again, nothing changed;
 * - each decision, alternately Dismiss and Confirm of the top pair: the decision, the receipt's
 *   counts read after it (suggestionTally) and the page's refresh (listSuggestedMatches).
 *
 * Prints every timing; asserts nothing. The machine may be shared: run it twice.
 *
 *   npm run bench:suggestion-decisions
 *   BENCH_DATABASE_URL=postgres://…   # also PostgreSQL (a fresh database, dropped after)
 *   BENCH_DECISIONS=12                # how many decisions (default 8)
 */
import os from 'node:os';
import { and, eq } from 'drizzle-orm';
import type { OpenDatabase } from '@/db/open';
import { clients, directoryRecords, users } from '@/db/schema';
import { DEMO_PRACTICE_ID, seedDemo } from '@/db/seed';
import { clearSuggestionsCache } from '@/lib/dal/suggested-matches/cached-suggestions';
import { confirmSuggestedMatch, dismissSuggestedMatch, listSuggestedMatches, suggestionTally } from '@/lib/dal/suggested-matches/review';
import type { Member } from '@/lib/dal/session';
import { noteForegroundActivity } from '@/lib/jobs/foreground';
import { BULK_CONFIDENCE_CHOICES } from '@/lib/sync/matching';
import { onBothEngines } from './on-both-engines';
import { seedXpmDirectory } from './xpm-sandbox-directory';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 8);
const TWINS = 24;
const log = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

/** "Riverside Plumbing" → "Riverside Plumbnig": two letters swapped in the name's longest word, a slip the matcher suggests. */
function withSlip(name: string): string | null {
  const words = name.split(' ');
  const longest = words.reduce((best, w, i) => (w.length > words[best]!.length ? i : best), 0);
  const word = words[longest]!;
  if (word.length < 7 || !/^[A-Za-z]+$/.test(word)) return null;
  const at = word.length - 3;
  words[longest] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

async function addTwins(open: OpenDatabase): Promise<void> {
  const records = await open.db
    .select({ name: directoryRecords.name })
    .from(directoryRecords)
    .where(and(eq(directoryRecords.practiceId, DEMO_PRACTICE_ID), eq(directoryRecords.archived, false)))
    .orderBy(directoryRecords.externalId);
  const names = records.flatMap((r, i) => (i % 50 === 7 ? [withSlip(r.name)].filter((n): n is string => n !== null) : [])).slice(0, TWINS);
  await open.db.insert(clients).values(names.map((name) => ({ practiceId: DEMO_PRACTICE_ID, name })));
}

async function time<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  noteForegroundActivity();
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

async function bench(label: string, open: OpenDatabase) {
  (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = Promise.resolve(open);
  try {
    await seedDemo(open.db);
    const records = await seedXpmDirectory(open);
    await addTwins(open);
    const [admin] = await open.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.practiceId, DEMO_PRACTICE_ID), eq(users.role, 'admin')));
    const member: Member = {
      userId: admin!.id,
      practiceId: DEMO_PRACTICE_ID,
      role: 'admin',
      name: 'Bench',
      email: 'bench@bench.example',
      practiceName: 'Bench',
      practiceTimezone: 'Australia/Sydney',
    };
    const page = () => listSuggestedMatches(member, 1, BULK_CONFIDENCE_CHOICES);

    clearSuggestionsCache();
    const first = await time(page);
    log(`\n== ${label}: demo practice (300 + ${TWINS} clients), ${records} XPM records → ${first.value.total} suggestions`);
    log(`${label}: first load (nothing cached)             ${ms(first.ms)}`);
    const again = await time(page);
    log(`${label}: reload (nothing changed)                ${ms(again.ms)}`);

    const decided: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const top = (await page()).rows[0];
      if (!top) break;
      const pair = { clientId: top.clientId, app: top.app, externalId: top.externalId };
      const verb = i % 2 === 0 ? 'dismiss' : 'confirm';
      const decision = await time(async () => {
        if (verb === 'dismiss') await dismissSuggestedMatch(member, pair);
        else await confirmSuggestedMatch(member, pair);
        return suggestionTally(member, BULK_CONFIDENCE_CHOICES);
      });
      const refresh = await time(page);
      decided.push(decision.ms + refresh.ms);
      log(
        `${label}: ${verb.padEnd(7)} ${top.client.name.slice(0, 28).padEnd(28)} decision + counts ${ms(decision.ms)}, page refresh ${ms(refresh.ms)} → ${decision.value.total} left`,
      );
    }
    const sorted = [...decided].sort((a, b) => a - b);
    log(`${label}: per decision (action + refresh) median ${ms(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN)}, max ${ms(sorted.at(-1) ?? Number.NaN)}`);
    log(`${label}: load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    (globalThis as { __practiceSyncDb?: Promise<OpenDatabase> }).__practiceSyncDb = undefined;
  }
}

// PGlite in its worker thread, as the app runs it.
await onBothEngines('decisions', bench, { thread: true });
