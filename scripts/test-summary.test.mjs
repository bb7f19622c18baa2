import { describe, expect, it } from 'vitest';
import { failureLines, summarise } from './test-summary.mjs';

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

describe('failureLines: what failed, named above the closing line', () => {
  const cwd = process.cwd();
  const vitest = {
    testResults: [
      { name: `${cwd}/lib/a.test.ts`, status: 'passed', assertionResults: [{ status: 'passed', fullName: 'fine' }] },
      {
        name: `${cwd}/lib/b.test.ts`,
        status: 'failed',
        assertionResults: [
          { status: 'passed', fullName: 'also fine' },
          { status: 'failed', fullName: 'rules › a rule holds', failureMessages: ['\x1b[31mAssertionError: expected 2 to be 3\x1b[39m\n    at b.test.ts:10'] },
        ],
      },
      { name: `${cwd}/lib/c.test.ts`, status: 'failed', message: 'Hook timed out in 10000ms.\nmore', assertionResults: [{ status: 'skipped', fullName: 'never ran' }] },
    ],
  };
  const playwright = {
    suites: [
      {
        specs: [{ file: 'a.spec.ts', line: 5, title: 'passes', tests: [{ status: 'expected', results: [{}] }] }],
        suites: [
          {
            specs: [
              {
                file: 'b.spec.ts',
                line: 9,
                title: 'breaks',
                tests: [{ status: 'unexpected', results: [{ error: { message: 'Error: expect(locator).toBeVisible() failed\n' } }] }],
              },
              { file: 'b.spec.ts', line: 30, title: 'wobbles', tests: [{ status: 'flaky', results: [{ error: { message: 'Timeout 10000ms' } }, {}] }] },
            ],
          },
        ],
      },
    ],
    errors: [{ message: 'Error: Timed out waiting 120000ms from config.webServer.' }],
  };

  it('names each failed test with its file and first line of error, each crashed file, each flaky e2e test and each error outside tests', () => {
    expect(failureLines({ vitest, playwright })).toEqual([
      'failed: lib/b.test.ts › rules › a rule holds: AssertionError: expected 2 to be 3',
      'failed: lib/c.test.ts (the file itself): Hook timed out in 10000ms.',
      'failed: b.spec.ts:9 › breaks: Error: expect(locator).toBeVisible() failed',
      'flaky: b.spec.ts:30 › wobbles: Timeout 10000ms',
      'failed: end-to-end run: Error: Timed out waiting 120000ms from config.webServer.',
    ]);
  });

  it('says nothing about a green run or a missing report', () => {
    expect(failureLines({ vitest: { testResults: vitest.testResults.slice(0, 1) }, playwright: { suites: playwright.suites.slice(0, 0) } })).toEqual([]);
    expect(failureLines({ vitest: null, playwright: null })).toEqual([]);
  });

  it('cuts a long message to one short line', () => {
    const long = { testResults: [{ name: 'x.test.ts', status: 'failed', assertionResults: [{ status: 'failed', fullName: 't', failureMessages: ['y'.repeat(500)] }] }] };
    const [line] = failureLines({ vitest: long, playwright: null });
    expect(line.length).toBeLessThan(260);
    expect(line.endsWith('…')).toBe(true);
  });
});
