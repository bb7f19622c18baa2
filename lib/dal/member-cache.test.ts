import { describe, expect, test } from 'vitest';
import { MemberChanges } from '@/db/member-changes';
import { MemberCache, memberCacheOf } from './member-cache';
import type { Member } from './session';

const PRACTICE = 'p0000000-0000-4000-8000-000000000000';
const OTHER_PRACTICE = 'p1111111-1111-4111-8111-111111111111';

function member(userId: string, practiceId = PRACTICE): Member {
  return { userId, practiceId, role: 'author', name: `Name ${userId}`, email: `${userId}@example.com`, practiceName: 'Practice', practiceTimezone: 'UTC' };
}

/** A cache that is listening, with a clock the test moves. */
function listeningCache(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const clock = { now: 1_000 };
  const cache = new MemberCache({ ...options, now: () => clock.now });
  cache.listeningChanged(true);
  const put = (m: Member, version = 1) => cache.store(cache.generation, version, m);
  return { cache, clock, put };
}

describe('MemberCache', () => {
  test('answers a stored session, by user and session version, with a copy', () => {
    const { cache, put } = listeningCache();
    expect(put(member('u1'), 3)).toBe(true);
    expect(cache.get('u1', 3)).toEqual(member('u1'));
    expect(cache.get('u1', 4)).toBeUndefined();
    cache.get('u1', 3)!.role = 'admin';
    expect(cache.get('u1', 3)?.role).toBe('author');
  });

  test('a read that was under way when anything was forgotten does not store its result', () => {
    const { cache } = listeningCache();
    const readBegan = cache.generation; // begin read
    cache.changed('u1'); // the change commits and is announced
    expect(cache.store(readBegan, 1, member('u1'))).toBe(false); // finish read: too late
    expect(cache.get('u1', 1)).toBeUndefined();
    // A read that began after the announcement saw the change, and may be stored.
    expect(cache.store(cache.generation, 1, member('u1'))).toBe(true);
  });

  test.each([
    ['clear', (c: MemberCache) => c.clear()],
    ['listener lost and back', (c: MemberCache) => (c.listeningChanged(false), c.listeningChanged(true))],
    ['listener reconnected', (c: MemberCache) => c.listeningChanged(true)],
    ['another member forgotten', (c: MemberCache) => c.forgetUser('someone-else')],
  ])('a read under way is not stored after: %s', (_name, forget) => {
    const { cache } = listeningCache();
    const readBegan = cache.generation;
    forget(cache);
    expect(cache.store(readBegan, 1, member('u1'))).toBe(false);
  });

  test('while not listening it neither answers nor stores, and it starts empty when listening again', () => {
    const { cache, put } = listeningCache();
    put(member('u1'));
    cache.listeningChanged(false); // the connection is lost: announcements may pass unheard
    expect(cache.get('u1', 1)).toBeUndefined();
    expect(put(member('u2'))).toBe(false);
    expect(cache.size).toBe(0);
    cache.listeningChanged(true); // what was stored before cannot be trusted: nothing is
    expect(cache.get('u1', 1)).toBeUndefined();
    expect(put(member('u1'))).toBe(true);
    expect(cache.get('u1', 1)).toBeDefined();
  });

  test('a new cache does not serve until told the database is being listened to', () => {
    const cache = new MemberCache();
    expect(cache.store(cache.generation, 1, member('u1'))).toBe(false);
    expect(cache.get('u1', 1)).toBeUndefined();
  });

  test.each([
    ['a user id forgets all of that user’s sessions, only', 'u1', { u1v1: false, u1v2: false, u2v1: true, x1v1: true }],
    ['practice:<id> forgets every member of that practice', `practice:${PRACTICE}`, { u1v1: false, u1v2: false, u2v1: false, x1v1: true }],
    ['* forgets everyone', '*', { u1v1: false, u1v2: false, u2v1: false, x1v1: false }],
    ['an unknown user id forgets no one', 'u9', { u1v1: true, u1v2: true, u2v1: true, x1v1: true }],
  ])('announcement: %s', (_name, payload, expected) => {
    const { cache, put } = listeningCache();
    put(member('u1'), 1);
    put(member('u1'), 2);
    put(member('u2'), 1);
    put(member('x1', OTHER_PRACTICE), 1);
    cache.changed(payload);
    expect({
      u1v1: cache.get('u1', 1) !== undefined,
      u1v2: cache.get('u1', 2) !== undefined,
      u2v1: cache.get('u2', 1) !== undefined,
      x1v1: cache.get('x1', 1) !== undefined,
    }).toEqual(expected);
  });

  test('entries expire after the TTL, a backstop should an announcement ever be lost', () => {
    const { cache, clock, put } = listeningCache({ ttlMs: 60_000 });
    put(member('u1'));
    clock.now += 59_999;
    expect(cache.get('u1', 1)).toBeDefined();
    clock.now += 1;
    expect(cache.get('u1', 1)).toBeUndefined();
  });

  test('is bounded: the oldest entries are evicted first', () => {
    const { cache, put } = listeningCache({ maxEntries: 3 });
    for (const id of ['u1', 'u2', 'u3']) put(member(id));
    put(member('u1')); // stored again: now the newest
    put(member('u4'));
    expect(cache.size).toBe(3);
    expect(['u1', 'u2', 'u3', 'u4'].map((id) => cache.get(id, 1) !== undefined)).toEqual([true, false, true, true]);
  });
});

describe('memberCacheOf', () => {
  test('one cache per database, shared by every caller, following that database’s listener', () => {
    const changes = new MemberChanges();
    const cache = memberCacheOf(changes);
    expect(memberCacheOf(changes)).toBe(cache);
    expect(memberCacheOf(new MemberChanges())).not.toBe(cache);
    expect(cache.store(cache.generation, 1, member('u1'))).toBe(false); // not yet listening
    changes.setListening(true);
    expect(cache.store(cache.generation, 1, member('u1'))).toBe(true);
    changes.publish('u1');
    expect(cache.get('u1', 1)).toBeUndefined();
    cache.store(cache.generation, 1, member('u1'));
    changes.setListening(false);
    expect(cache.get('u1', 1)).toBeUndefined();
  });
});
