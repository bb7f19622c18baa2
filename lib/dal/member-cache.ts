import 'server-only';
import { getOpenDatabase } from '@/db';
import type { MemberChangeHandler, MemberChanges } from '@/db/member-changes';
import { processWide } from '@/lib/providers/process-wide';
import type { Member } from './session';

export interface MemberCacheOptions {
  maxEntries?: number;
  /** A backstop only: a change is normally forgotten as soon as it is announced. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The members sessions belong to, by `${userId}:${sessionVersion}`, so that the session check
 * every request makes (lib/dal/session loadMember) need not query each time.
 *
 * Safe because it forgets on announcement rather than on a timer: the triggers of migration
 * 0005 announce every change to a member's or their practice's row after it commits, to every
 * instance (db/member-changes.ts). It serves only while those announcements are being heard,
 * and starts empty each time they are heard again. A read that was under way when something
 * was forgotten is not stored (see `generation`), so a result read before a change cannot
 * outlive the announcement of that change.
 */
export class MemberCache implements MemberChangeHandler {
  readonly #entries = new Map<string, { member: Member; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #listening = false;
  /** Bumped by every forgetting; a read may store its result only if it is unchanged since the read began. */
  #generation = 0;

  constructor(options: MemberCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 5_000;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Take this before reading the database, and hand it to `store` with what was read. */
  get generation(): number {
    return this.#generation;
  }

  get(userId: string, sessionVersion: number): Member | undefined {
    if (!this.#listening) return undefined;
    const key = keyOf(userId, sessionVersion);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return { ...entry.member }; // a caller's change to its copy must not reach the next request
  }

  /** Stores what a read that began at `generation` found, unless something was forgotten since. */
  store(generation: number, sessionVersion: number, member: Member): boolean {
    if (!this.#listening || generation !== this.#generation) return false;
    const key = keyOf(member.userId, sessionVersion);
    this.#entries.delete(key); // re-inserted last: the oldest entries are evicted first
    this.#entries.set(key, { member: { ...member }, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return true;
  }

  forgetUser(userId: string): void {
    this.#forget((member) => member.userId === userId);
  }

  forgetPractice(practiceId: string): void {
    this.#forget((member) => member.practiceId === practiceId);
  }

  clear(): void {
    this.#forget(() => true);
  }

  changed(payload: string): void {
    if (payload.startsWith('practice:')) this.forgetPractice(payload.slice('practice:'.length));
    else if (payload === '*' || payload === '') this.clear();
    else this.forgetUser(payload);
  }

  listeningChanged(listening: boolean): void {
    // Whether the announcements just stopped or just resumed, some may have been missed.
    this.clear();
    this.#listening = listening;
  }

  #forget(matches: (member: Member) => boolean): void {
    this.#generation++;
    // A scan, not an index: announcements are rare (sign-outs, role and practice changes)
    // and the cache is small, so this stays simpler than keeping indexes in step.
    for (const [key, entry] of this.#entries) if (matches(entry.member)) this.#entries.delete(key);
  }
}

function keyOf(userId: string, sessionVersion: number): string {
  return `${userId}:${sessionVersion}`;
}

/**
 * The cache of one open database, shared by every copy of this module (Next may load it once
 * per server bundle). Keyed by the database's announcements, not held at module level or
 * process-wide on its own: a cache must live and die with the database whose changes it hears,
 * or a reopened (or test) database would find entries that no listener of its own vouches for.
 */
export function memberCacheOf(changes: MemberChanges): MemberCache {
  const caches = processWide('dal.memberCaches', () => new WeakMap<MemberChanges, MemberCache>());
  let cache = caches.get(changes);
  if (!cache) {
    cache = new MemberCache();
    changes.subscribe(cache);
    caches.set(changes, cache);
  }
  return cache;
}

/**
 * Forgets a member at once, in this process, after a command that ends their sessions has
 * committed: the announcement from the database arrives a moment later on PostgreSQL, and the
 * member's very next request must already be refused. Other instances rely on the announcement.
 */
export async function forgetMember(userId: string): Promise<void> {
  const { memberChanges } = await getOpenDatabase();
  memberCacheOf(memberChanges).forgetUser(userId);
}
