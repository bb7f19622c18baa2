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

/** The first line of a failure message, short enough for a log's last lines. */
function firstLine(message) {
  const line = (
    String(message ?? '')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .find((text) => text.trim() !== '') ?? ''
  ).trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function* playwrightSpecs(suites) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) yield spec;
    yield* playwrightSpecs(suite.suites);
  }
}

/**
 * One line per failed test, crashed file, error outside tests and flaky end-to-end test,
 * printed just above the closing line: CI keeps only the end of a long log, and a failure
 * scrolled out of it cannot be told from its count alone.
 * @param {{ vitest: any, playwright: any }} reports
 * @returns {string[]}
 */
export function failureLines({ vitest, playwright }) {
  const lines = [];
  const cwd = `${process.cwd()}/`;
  for (const file of vitest?.testResults ?? []) {
    const name = String(file.name ?? '').replace(cwd, '');
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) lines.push(`failed: ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (file.status === 'failed' && failedTests.length === 0) lines.push(`failed: ${name} (the file itself): ${firstLine(file.message)}`);
  }
  for (const spec of playwrightSpecs(playwright?.suites)) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
      const error = (test.results ?? []).map((result) => result.error?.message).find(Boolean);
      lines.push(`${test.status === 'flaky' ? 'flaky' : 'failed'}: ${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
    }
  }
  for (const error of playwright?.errors ?? []) lines.push(`failed: end-to-end run: ${firstLine(error.message)}`);
  return lines;
}
