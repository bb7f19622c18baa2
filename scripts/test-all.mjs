// `npm test`: lint, typecheck, unit and database tests, a production build and the
// Playwright suite against `next start`. Every step runs (the end-to-end step needs the
// build), the exit code is non-zero if any failed, and the last line totals the tests:
// "N passed, N failed".
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { run } from './lib.mjs';

const out = '.test-output';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const failures = [];

async function step(name, command, args, extraEnv = {}) {
  console.log(`\n=== ${name} ===`);
  const code = await run(command, args, { env: { ...env, ...extraEnv } });
  if (code !== 0) failures.push(name);
  return code === 0;
}

await step('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
await step('typecheck', 'npx', ['tsc', '--noEmit']);
await step('unit and database tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
const built = await step('production build', 'npx', ['next', 'build']);
if (built) {
  await step('chromium', 'bash', ['scripts/ensure-chromium.sh']);
  await step('end-to-end tests', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` });
} else {
  failures.push('end-to-end tests (not run: the build failed)');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const vitest = readJson(`${out}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
} else failed += 1;
const playwright = readJson(`${out}/playwright.json`);
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
} else if (built) failed += 1;

console.log(`\nSteps failed: ${failures.length ? failures.join(', ') : 'none'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
