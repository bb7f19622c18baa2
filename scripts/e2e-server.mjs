// Started by Playwright: a throwaway embedded database in a temp directory (so end-to-end
// runs never touch data/), seeded with the demo practice, behind `next start`.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, superviseChildren, COMPILE_CACHE_PRELOAD, NEXT_BIN, TSX_IMPORT } from './lib.mjs';

const port = process.env.E2E_PORT ?? '3100';
const sandboxPort = process.env.E2E_SANDBOX_PORT ?? '4110';
const dataDir = mkdtempSync(path.join(tmpdir(), 'practice-sync-e2e-'));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  NEXT_TELEMETRY_DISABLED: '1',
  APP_URL: `http://127.0.0.1:${port}`,
  SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
  // Every spec signs up its own practice from 127.0.0.1; the limit itself is tested in lib/dal.
  SIGN_UPS_PER_ADDRESS_PER_HOUR: '1000',
};

if (!existsSync('.next/BUILD_ID')) {
  if ((await run('npx', ['next', 'build'], { env })) !== 0) process.exit(1);
}
if ((await run('npx', ['tsx', 'db/seed-cli.ts'], { env })) !== 0) process.exit(1);

// Everything the app prints is also kept in a file (E2E_SERVER_LOG, set by playwright.config),
// so the last end-to-end check can prove no token, client secret or sealed value was logged.
const serverLog = process.env.E2E_SERVER_LOG ? createWriteStream(process.env.E2E_SERVER_LOG, { flags: 'w' }) : null;
function forward(child) {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    stream.on('data', (chunk) => {
      out.write(chunk);
      serverLog?.write(chunk);
    });
  }
  return child;
}

// Test mode: the specs use the sandbox's /__sandbox controls (faults, record changes, reset).
const sandbox = spawn(process.execPath, [...TSX_IMPORT, 'lib/sandbox/cli.ts', '--port', sandboxPort, '--test-mode'], { stdio: 'inherit', env });
const app = forward(
  spawn(process.execPath, [...COMPILE_CACHE_PRELOAD, NEXT_BIN, 'start', '-p', port, '-H', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, NEXT_MANUAL_SIG_HANDLE: 'true', AUTH_TRUST_HOST: 'true' },
  }),
);
superviseChildren([sandbox, app]);
