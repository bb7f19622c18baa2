import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XPM_TENANT_ID } from './seed';
import { startSandbox, type RunningSandbox } from './server';
import { control, mintXpmToken, xpmHeaders } from './testing';

let sb: RunningSandbox;
let token: string;
const get = (path = 'client.api/get/none') => fetch(`${sb.url}/xero/api/practicemanager/3.1/${path}`, { headers: xpmHeaders(token, XPM_TENANT_ID) });

beforeAll(async () => {
  sb = await startSandbox({ port: 0, testMode: true, limits: { xpmPerMinute: 3, xpmPerDay: 5, xpmConcurrent: 2 } });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  sb.state.reset();
  sb.state.limits = { ...sb.state.limits, xpmPerMinute: 3, xpmPerDay: 5, xpmConcurrent: 2 };
  token = (await mintXpmToken(sb.url)).access_token;
});

describe('XPM per-tenant limits', () => {
  it('counts down X-MinLimit-Remaining and answers 429 minute with Retry-After', async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await get();
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('x-minlimit-remaining'));
      await res.arrayBuffer();
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-minlimit-remaining')).toBe('0');
    expect(limited.headers.get('x-daylimit-remaining')).toBe('2');
    expect(sb.state.counters.rateLimited.xpm).toBe(1);

    // The window rolls: a minute later the budget is back.
    sb.state.advanceClock(61_000);
    token = (await mintXpmToken(sb.url)).access_token;
    expect((await get()).status).toBe(200);
  });

  it('answers 429 day once the daily budget is spent, until UTC midnight', async () => {
    sb.state.limits.xpmPerMinute = 100;
    for (let i = 0; i < 5; i += 1) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('day');
    expect(limited.headers.get('x-daylimit-remaining')).toBe('0');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
  });

  it('answers 429 concurrent when too many calls are in flight', async () => {
    sb.state.limits.xpmPerMinute = 100;
    await control(sb.url, 'faults', { app: 'xpm', kind: 'slow', delayMs: 400, count: 2, pathContains: 'client.api' });
    const slow = [get(), get()];
    await new Promise((r) => setTimeout(r, 100));
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(third.headers.get('retry-after')).toBe('1');
    const done = await Promise.all(slow);
    expect(done.map((r) => r.status)).toEqual([200, 200]);
    expect((await get()).status).toBe(200);
  });

  it('limits are per tenant: the other practice has its own budget', async () => {
    for (let i = 0; i < 3; i += 1) await get();
    expect((await get()).status).toBe(429);
    const other = await mintXpmToken(sb.url, '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a');
    const res = await fetch(`${sb.url}/xero/api/practicemanager/3.1/client.api/list`, { headers: xpmHeaders(other.access_token, other.tenantId) });
    expect(res.status).toBe(200);
  });
});
