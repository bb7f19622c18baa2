import { describe, expect, test } from 'vitest';
import { ProviderError } from '../errors';
import { fakeFetch } from '../testing/fake-fetch';
import { FakeClock, flush } from '../testing/fake-clock';
import { createKeyedLimiter } from './limiter';
import { sendWithRetry } from './request';

const retry = { random: () => 0.5, baseDelayMs: 100, maxAttempts: 4 };

describe('sendWithRetry', () => {
  test('rides out 429s, honouring Retry-After, and returns the success', async () => {
    const clock = new FakeClock(undefined, true);
    let n = 0;
    const fetch = fakeFetch(() => (++n < 3 ? new Response('', { status: 429, headers: { 'Retry-After': '2' } }) : new Response('ok')));
    const res = await sendWithRetry({ method: 'GET', url: 'https://x.test/a' }, { provider: 'xpm', fetch, clock, retry });
    expect(res).toMatchObject({ status: 200, text: 'ok', attempts: 3 });
    // Each wait is at least the 2 s the app asked for.
    expect(clock.sleeps).toEqual([2000, 2000]);
  });

  test('returns the last 5xx once attempts are exhausted', async () => {
    const clock = new FakeClock(undefined, true);
    const fetch = fakeFetch(() => new Response('down', { status: 503 }));
    const res = await sendWithRetry({ method: 'GET', url: 'https://x.test/a' }, { provider: 'gusto', fetch, clock, retry });
    expect(res.status).toBe(503);
    expect(fetch.calls).toHaveLength(4);
  });

  test('does not retry a 400', async () => {
    const fetch = fakeFetch(() => new Response('bad', { status: 400 }));
    const res = await sendWithRetry({ method: 'GET', url: 'https://x.test/a' }, { provider: 'xpm', fetch, clock: new FakeClock(undefined, true), retry });
    expect(res.status).toBe(400);
    expect(fetch.calls).toHaveLength(1);
  });

  test('does not repeat a POST after a 500 (it may have been created)', async () => {
    const fetch = fakeFetch(() => new Response('oops', { status: 500 }));
    const res = await sendWithRetry({ method: 'POST', url: 'https://x.test/add', body: '<Client/>' }, { provider: 'xpm', fetch, clock: new FakeClock(undefined, true), retry });
    expect(res.status).toBe(500);
    expect(fetch.calls).toHaveLength(1);
  });

  test('network failures become a typed error after retries', async () => {
    const fetch = fakeFetch(() => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    const error = await sendWithRetry(
      { method: 'GET', url: 'https://x.test/a', headers: { Authorization: 'Bearer secret-token-value' } },
      { provider: 'xpm', fetch, clock: new FakeClock(undefined, true), retry },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'network', code: 'refused' });
    expect((error as Error).message).toMatch(/Could not connect to Xero Practice Manager \(tried 4 times\)/);
    expect(JSON.stringify(error)).not.toContain('secret-token-value');
    expect(fetch.calls).toHaveLength(4);
  });

  test('a stalled request times out on the injected clock and is retried', async () => {
    const clock = new FakeClock();
    let n = 0;
    // The first attempt never answers; only its abort signal ends it.
    const fetch = async (_url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        n += 1;
        if (n > 1) resolve(new Response('late but fine'));
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    const pending = sendWithRetry({ method: 'GET', url: 'https://x.test/slow' }, { provider: 'gusto', fetch, clock, retry, timeoutMs: 5000 });
    await flush();
    await clock.advance(5000); // first attempt times out
    await clock.advance(1000); // backoff
    const res = await pending;
    expect(res).toMatchObject({ status: 200, text: 'late but fine', attempts: 2 });
  });

  test('a caller abort is passed through, not retried', async () => {
    const controller = new AbortController();
    const fetch = fakeFetch(() => {
      controller.abort(new Error('user cancelled'));
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(
      sendWithRetry({ method: 'GET', url: 'https://x.test/a', signal: controller.signal }, { provider: 'xpm', fetch, clock: new FakeClock(undefined, true), retry }),
    ).rejects.toThrow('user cancelled');
    expect(fetch.calls).toHaveLength(1);
  });

  test('releases the concurrency slot while backing off', async () => {
    const clock = new FakeClock(undefined, true);
    const limiter = createKeyedLimiter(1);
    let n = 0;
    const fetch = fakeFetch(() => {
      expect(limiter.active('t')).toBe(1);
      return ++n === 1 ? new Response('', { status: 500 }) : new Response('ok');
    });
    await sendWithRetry({ method: 'GET', url: 'https://x.test/a' }, { provider: 'xpm', fetch, clock, retry, limiter, limitKey: 't' });
    expect(limiter.active('t')).toBe(0);
  });
});
