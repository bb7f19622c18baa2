// The closing line of `npm test`, "N passed, N failed", worked out from the runners' JSON
// reports and the steps' exit codes. It must never say "0 failed" about a run that failed:
// a test file that crashed before or after its tests (its tests then show as skipped), an
// error Vitest caught outside any test, and a failed step that runs no tests (lint,
// typecheck, build) each count as one failure.

/** Test files Vitest marked failed although none of their tests failed: crashed suites. */
function crashedVitestFiles(vitest) {
  return (vitest.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')).length;
}

/**
 * @param {{ vitest: any, playwright: any, steps: { name: string, ok: boolean, runner?: 'vitest' | 'playwright' }[] }} input
 *   steps: every step of the run in order; a runner step's report is `vitest` / `playwright` (null if unreadable).
 * @returns {{ passed: number, failed: number }}
 */
export function summarise({ vitest, playwright, steps }) {
  let passed = 0;
  let failed = 0;
  for (const step of steps) {
    if (step.runner === 'vitest') {
      if (!vitest) {
        failed += 1;
        continue;
      }
      const counted = (vitest.numFailedTests ?? 0) + crashedVitestFiles(vitest);
      passed += vitest.numPassedTests ?? 0;
      // A failed exit with nothing counted: an unhandled error between tests.
      failed += counted === 0 && !step.ok ? 1 : counted;
    } else if (step.runner === 'playwright') {
      const stats = playwright?.stats;
      if (!stats) {
        failed += 1;
        continue;
      }
      const counted = (stats.unexpected ?? 0) + (playwright.errors?.length ?? 0);
      passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      failed += counted === 0 && !step.ok ? 1 : counted;
    } else if (!step.ok) {
      failed += 1;
    }
  }
  return { passed, failed };
}
