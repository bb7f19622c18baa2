// Started by Playwright: a throwaway embedded database in a temp directory (so end-to-end
// runs never touch data/), seeded with the demo practice, behind `next start`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, superviseChildren, NEXT_BIN, TSX_IMPORT } from './lib.mjs';

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

// Test mode: the specs use the sandbox's /__sandbox controls (faults, record changes, reset).
const sandbox = spawn(process.execPath, [...TSX_IMPORT, 'lib/sandbox/cli.ts', '--port', sandboxPort, '--test-mode'], { stdio: 'inherit', env });
const app = spawn(process.execPath, [NEXT_BIN, 'start', '-p', port, '-H', '127.0.0.1'], {
  stdio: 'inherit',
  env: { ...env, NEXT_MANUAL_SIG_HANDLE: 'true', AUTH_TRUST_HOST: 'true' },
});
superviseChildren([sandbox, app]);
