import { describe, expect, test } from 'vitest';
import { flush } from '../testing/fake-clock';
import { createKeyedLimiter } from './limiter';

describe('createKeyedLimiter', () => {
  test('never more than 5 in flight per key; all complete in order', async () => {
    const limiter = createKeyedLimiter(5);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = Array.from({ length: 12 }, (_, i) =>
      limiter.run('tenant-a', async () => {
        started.push(i);
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight -= 1;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.active('tenant-a')).toBe(5);
    while (releases.length > 0) {
      releases.shift()!();
      await flush();
    }
    expect(await Promise.all(tasks)).toEqual([...Array(12).keys()]);
    expect(peak).toBe(5);
    expect(started).toEqual([...Array(12).keys()]);
    expect(limiter.active('tenant-a')).toBe(0);
  });

  test('keys are independent', async () => {
    const limiter = createKeyedLimiter(1);
    let release!: () => void;
    const a = limiter.run('a', () => new Promise<void>((r) => (release = r)));
    let bRan = false;
    await limiter.run('b', async () => {
      bRan = true;
    });
    expect(bRan).toBe(true);
    release();
    await a;
  });

  test('a failing task frees its slot', async () => {
    const limiter = createKeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('k', async () => 'next')).toBe('next');
  });
});
