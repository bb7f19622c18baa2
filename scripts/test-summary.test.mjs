import { describe, expect, it } from 'vitest';
import { summarise } from './test-summary.mjs';

const vitestReport = (files) => ({
  numPassedTests: files.flatMap((f) => f.tests).filter((t) => t === 'passed').length,
  numFailedTests: files.flatMap((f) => f.tests).filter((t) => t === 'failed').length,
  testResults: files.map((f) => ({ status: f.status, assertionResults: f.tests.map((status) => ({ status })) })),
});
const green = vitestReport([{ status: 'passed', tests: ['passed', 'passed'] }]);
const playwrightReport = (expected, unexpected = 0, flaky = 0, errors = []) => ({ stats: { expected, unexpected, flaky }, errors });
const allSteps = (overrides = {}) =>
  ['lint', 'typecheck', 'vitest', 'build', 'playwright'].map((name) => ({
    name,
    ok: overrides[name] ?? true,
    runner: name === 'vitest' || name === 'playwright' ? name : undefined,
  }));

describe('summarise: the closing "N passed, N failed" line', () => {
  it.each([
    ['all green', green, playwrightReport(3), allSteps(), { passed: 5, failed: 0 }],
    ['a failed test', vitestReport([{ status: 'failed', tests: ['passed', 'failed'] }]), playwrightReport(3), allSteps({ vitest: false }), { passed: 4, failed: 1 }],
    // The case that once printed "0 failed": a file crashed in beforeAll, its tests skipped.
    [
      'a crashed test file',
      vitestReport([
        { status: 'passed', tests: ['passed'] },
        { status: 'failed', tests: ['skipped', 'skipped'] },
      ]),
      playwrightReport(3),
      allSteps({ vitest: false }),
      { passed: 4, failed: 1 },
    ],
    ['vitest failed with nothing counted (an unhandled error)', green, playwrightReport(3), allSteps({ vitest: false }), { passed: 5, failed: 1 }],
    ['no vitest report at all', null, playwrightReport(3), allSteps({ vitest: false }), { passed: 3, failed: 1 }],
    ['lint and typecheck failed', green, playwrightReport(3), allSteps({ lint: false, typecheck: false }), { passed: 5, failed: 2 }],
    ['a flaky e2e test counts as passed', green, playwrightReport(2, 0, 1), allSteps(), { passed: 5, failed: 0 }],
    ['an e2e failure', green, playwrightReport(2, 1), allSteps({ playwright: false }), { passed: 4, failed: 1 }],
    [
      'a Playwright error outside tests (e.g. the web server did not start)',
      green,
      playwrightReport(0, 0, 0, [{ message: 'webServer' }]),
      allSteps({ playwright: false }),
      { passed: 2, failed: 1 },
    ],
    ['no Playwright report', green, null, allSteps({ playwright: false }), { passed: 2, failed: 1 }],
  ])('%s', (_name, vitest, playwright, steps, expected) => {
    expect(summarise({ vitest, playwright, steps })).toEqual(expected);
  });

  it('a build that failed, with end-to-end tests not run, is two failures', () => {
    const steps = [
      { name: 'vitest', ok: true, runner: 'vitest' },
      { name: 'build', ok: false },
      { name: 'end-to-end tests (not run)', ok: false },
    ];
    expect(summarise({ vitest: green, playwright: null, steps })).toEqual({ passed: 2, failed: 2 });
  });
});
