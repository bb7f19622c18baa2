import { describe, expect, test } from 'vitest';
import { readsXpmInFull, runReadKind } from './read-scope';

describe('how a From run reads its app', () => {
  test.each([
    [{ app: 'xpm', trigger: 'schedule', retryOfRunId: null }, 'changes'],
    [{ app: 'xpm', trigger: 'manual', retryOfRunId: null }, 'changes'],
    // The wizard's first sync lists XPM in full (a trial read "Read 0" beside "Created 2,360").
    [{ app: 'xpm', trigger: 'onboarding', retryOfRunId: null }, 'full'],
    // Gusto is read company by company, in full, every run.
    [{ app: 'gusto', trigger: 'schedule', retryOfRunId: null }, 'full'],
    [{ app: 'gusto', trigger: 'webhook', retryOfRunId: null }, 'full'],
    [{ app: 'xpm', trigger: 'manual', retryOfRunId: 'r1' }, 'retry'],
  ] as const)('%o reads %s', (run, kind) => {
    expect(runReadKind(run)).toBe(kind);
  });

  test('only the wizard’s first sync of every record, From XPM, lists XPM in full', () => {
    expect(readsXpmInFull({ trigger: 'onboarding', direction: 'from_app', onlyExternalIds: null })).toBe(true);
    expect(readsXpmInFull({ trigger: 'manual', direction: 'from_app', onlyExternalIds: null })).toBe(false);
    expect(readsXpmInFull({ trigger: 'onboarding', direction: 'to_app', onlyExternalIds: null })).toBe(false);
    expect(readsXpmInFull({ trigger: 'onboarding', direction: 'from_app', onlyExternalIds: ['a'] })).toBe(false);
  });
});
