import { describe, expect, test, vi } from 'vitest';
import { sharedGustoBudget } from './gusto/limits';
import { processWide } from './process-wide';
import { sharedXpmBudget, sharedXpmLimiter } from './xpm/limits';

describe('processWide', () => {
  test('creates once per name, and hands the same instance to every later caller', () => {
    let created = 0;
    const first = processWide('test.counter', () => ({ n: ++created }));
    const second = processWide('test.counter', () => ({ n: ++created }));
    expect(second).toBe(first);
    expect(created).toBe(1);
    expect(processWide('test.other', () => ({ n: 99 }))).not.toBe(first);
  });

  // A second copy of a module (another Next bundle) must share the limits, or each bundle
  // would allow XPM's 5 concurrent calls on its own.
  test('another copy of the modules sees the same limiters and budgets', async () => {
    vi.resetModules();
    const xpm = await import('./xpm/limits');
    const gusto = await import('./gusto/limits');
    const registry = await import('./process-wide');
    expect(registry.processWide).not.toBe(processWide); // really another copy
    expect(xpm.sharedXpmLimiter).toBe(sharedXpmLimiter);
    expect(xpm.sharedXpmBudget).toBe(sharedXpmBudget);
    expect(gusto.sharedGustoBudget).toBe(sharedGustoBudget);
  });
});
