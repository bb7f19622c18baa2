import { describe, expect, test, vi } from 'vitest';
import { ProviderError } from '../errors';
import { FakeClock } from '../testing/fake-clock';
import { TokenManager, type Refresher } from './token-manager';
import type { TokenSet } from './token-set';
import { createMemoryTokenStore, type TokenStore } from './token-store';

const clock = () => new FakeClock(Date.UTC(2026, 0, 1));
const tokens = (n: number, expiresAt: number): TokenSet => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt, scope: null });

/** A refresher that behaves like a rotating-token server: each refresh token works once. */
function rotatingServer(c: FakeClock, delayMs = 0) {
  let issued = 1;
  const spent = new Set<string>();
  const refresh = vi.fn<Refresher>(async (refreshToken) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (spent.has(refreshToken) || !refreshToken.startsWith('refresh-')) {
      throw new ProviderError({ kind: 'reauth_required', provider: 'xpm', code: 'invalid_grant', message: 'Xero Practice Manager no longer accepts this connection.' });
    }
    spent.add(refreshToken);
    issued += 1;
    return tokens(issued, c.now() + 30 * 60_000);
  });
  return { refresh, revokeAll: () => ['refresh-1', 'refresh-2', 'refresh-3'].forEach((t) => spent.add(t)) };
}

describe('TokenManager', () => {
  test('10 concurrent calls with an expired token → exactly one refresh, all get the new token', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() - 1000));
    const server = rotatingServer(c, 5);
    const manager = new TokenManager({ provider: 'xpm', store, refresh: server.refresh, clock: c });
    const results = await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken()));
    expect(server.refresh).toHaveBeenCalledTimes(1);
    expect(new Set(results)).toEqual(new Set(['access-2']));
    expect(store.current()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  test('a fresh token is used as is; one inside the skew is refreshed ahead of expiry', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() + 5 * 60_000));
    const server = rotatingServer(c);
    const manager = new TokenManager({ provider: 'xpm', store, refresh: server.refresh, clock: c, skewMs: 60_000 });
    expect(await manager.getAccessToken()).toBe('access-1');
    await c.advance(4 * 60_000 + 1); // 59 s left: inside the skew
    expect(await manager.getAccessToken()).toBe('access-2');
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  test('invalid_grant marks the connection and fails with reauth_required; the dead token is not retried', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() - 1));
    const server = rotatingServer(c);
    server.revokeAll();
    const manager = new TokenManager({ provider: 'xpm', store, refresh: server.refresh, clock: c });
    const error = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toMatch(/no longer accepts/);
    await expect(manager.getAccessToken()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  test('losing a refresh race to another process adopts its tokens instead of giving up', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() - 1));
    const server = rotatingServer(c);
    // The other process refreshes first and saves; our refresh with refresh-1 then fails.
    const otherProcess = new TokenManager({ provider: 'xpm', store, refresh: server.refresh, clock: c });
    let raced = false;
    const racingStore: TokenStore = {
      load: async () => {
        const value = await store.load();
        if (!raced) {
          raced = true;
          await otherProcess.getAccessToken(); // rotates refresh-1 → refresh-2 behind our back
        }
        return value;
      },
      saveRotated: (previous, next) => store.saveRotated(previous, next),
      markNeedsReauth: (reason) => store.markNeedsReauth(reason),
    };
    const manager = new TokenManager({ provider: 'xpm', store: racingStore, refresh: server.refresh, clock: c });
    expect(await manager.getAccessToken()).toBe('access-2');
    expect(store.needsReauth()).toBeNull();
  });

  test('a compare-and-swap conflict uses the stored, newer tokens', async () => {
    const c = clock();
    const inner = createMemoryTokenStore(tokens(1, c.now() - 1));
    const store: TokenStore = {
      load: () => inner.load(),
      markNeedsReauth: (r) => inner.markNeedsReauth(r),
      saveRotated: async () => {
        inner.set(tokens(9, c.now() + 30 * 60_000)); // another process saved meanwhile
        return 'conflict';
      },
    };
    const server = rotatingServer(c);
    const manager = new TokenManager({ provider: 'xpm', store, refresh: server.refresh, clock: c });
    expect(await manager.getAccessToken()).toBe('access-9');
  });

  test('forceRefresh after 10 concurrent 401s refreshes once', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() + 20 * 60_000));
    const server = rotatingServer(c, 5);
    const manager = new TokenManager({ provider: 'gusto', store, refresh: server.refresh, clock: c });
    const stale = await manager.getAccessToken();
    const renewed = await Promise.all(Array.from({ length: 10 }, () => manager.forceRefresh(stale)));
    expect(new Set(renewed)).toEqual(new Set(['access-2']));
    expect(server.refresh).toHaveBeenCalledTimes(1);
    // A late 401 for the old token does not refresh again.
    expect(await manager.forceRefresh(stale)).toBe('access-2');
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  test('no stored tokens → reauth_required without marking anything', async () => {
    const store = createMemoryTokenStore(null);
    const manager = new TokenManager({ provider: 'gusto', store, refresh: vi.fn<Refresher>(), clock: clock() });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ kind: 'reauth_required' });
    expect(store.needsReauth()).toBeNull();
  });

  test('a network failure while refreshing is not a reauth', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() - 1));
    const refresh = vi.fn<Refresher>(async () => {
      throw new ProviderError({ kind: 'network', provider: 'xpm', message: 'Could not connect.' });
    });
    const manager = new TokenManager({ provider: 'xpm', store, refresh, clock: c });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    expect(store.needsReauth()).toBeNull();
    expect(store.current()?.refreshToken).toBe('refresh-1');
  });

  test('keeps the old refresh token when the app does not rotate it', async () => {
    const c = clock();
    const store = createMemoryTokenStore(tokens(1, c.now() - 1));
    const refresh = vi.fn<Refresher>(async () => ({ accessToken: 'access-x', refreshToken: null, expiresAt: c.now() + 7200_000, scope: null }));
    const manager = new TokenManager({ provider: 'gusto', store, refresh, clock: c });
    expect(await manager.getAccessToken()).toBe('access-x');
    expect(store.current()?.refreshToken).toBe('refresh-1');
  });
});
