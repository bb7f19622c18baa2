// `npm test`: lint, typecheck, unit and database tests, a production build and the
// Playwright suite against `next start`. Every step runs (the end-to-end step needs the
// build), the exit code is non-zero if any failed, and the last line totals the tests:
// "N passed, N failed".
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { run } from './lib.mjs';
import { failureLines, summarise } from './test-summary.mjs';
import { runWithWatchdog } from './watchdog.mjs';

const out = '.test-output';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const steps = [];

async function step(name, command, args, extraEnv = {}, runner = undefined) {
  console.log(`\n=== ${name} ===`);
  const code = await run(command, args, { env: { ...env, ...extraEnv } });
  steps.push({ name, ok: code === 0, runner });
  return code === 0;
}

// Vitest prints each test file as it ends; the slowest file takes about a minute. Ten minutes
// of silence is a hang (scripts/watchdog.mjs says the one seen): stopped, and run again once.
const VITEST_SILENCE_MS = 10 * 60_000;

async function vitestStep() {
  const name = 'unit and database tests';
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`];
  console.log(`\n=== ${name} ===`);
  let result = await runWithWatchdog('npx', args, { env, silenceMs: VITEST_SILENCE_MS });
  if (result.hung) {
    console.log(`\n=== ${name}: Vitest printed nothing for ${VITEST_SILENCE_MS / 60_000} minutes and was stopped; running it again once ===`);
    result = await runWithWatchdog('npx', args, { env, silenceMs: VITEST_SILENCE_MS });
    if (result.hung) console.log(`\n=== ${name}: hung again; stopped ===`);
  }
  steps.push({ name, ok: result.code === 0 && !result.hung, runner: 'vitest' });
}

// The same as `npm run lint`: ESLint, then Prettier's check (formatting is part of lint).
await step('lint', 'npm', ['run', '--silent', 'lint']);
await step('typecheck', 'npx', ['tsc', '--noEmit']);
await vitestStep();
const built = await step('production build', 'npx', ['next', 'build']);
if (built) {
  await step('chromium', 'bash', ['scripts/ensure-chromium.sh']);
  await step('end-to-end tests', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` }, 'playwright');
} else {
  steps.push({ name: 'end-to-end tests (not run: the build failed)', ok: false });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const reports = { vitest: readJson(`${out}/vitest.json`), playwright: readJson(`${out}/playwright.json`) };
const { passed, failed } = summarise({ ...reports, steps });
const failures = failureLines(reports);
if (failures.length) console.log(`\n${failures.join('\n')}`);
const failedSteps = steps.filter((s) => !s.ok).map((s) => s.name);
console.log(`\nSteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
