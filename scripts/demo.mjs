// `npm run demo`: build, seed the demo practice into the embedded database (data/pglite),
// start the app on http://localhost:3000 and print the demo logins. No configuration needed.
import { spawn } from 'node:child_process';
import { run, superviseChildren, waitForHttp, COMPILE_CACHE_PRELOAD, NEXT_BIN, TSX_IMPORT } from './lib.mjs';

const port = process.env.PORT ?? '3000';
// The demo's logins are printed and known: it answers this machine only, unless asked
// (HOST=0.0.0.0 npm run demo), like the sandbox beside it.
const host = process.env.HOST || '127.0.0.1';
const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
const appUrl = `http://localhost:${port}`;
// The sandbox stands in for XPM and Gusto on its own origin, as the real services would.
const sandboxUrl = process.env.SANDBOX_URL ?? `http://127.0.0.1:${sandboxPort}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SANDBOX_URL: sandboxUrl };

if ((await run('npx', ['next', 'build'], { env })) !== 0) process.exit(1);
if ((await run('npx', ['tsx', 'db/seed-cli.ts'], { env: { ...env, SEED_PRINT_LOGINS: '0' } })) !== 0) process.exit(1);

const sandbox = spawn(process.execPath, [...TSX_IMPORT, 'lib/sandbox/cli.ts', '--port', sandboxPort], { stdio: 'inherit', env });
const app = spawn(process.execPath, [...COMPILE_CACHE_PRELOAD, NEXT_BIN, 'start', '-p', port, '-H', host], {
  stdio: 'inherit',
  env: { ...env, NEXT_MANUAL_SIG_HANDLE: 'true', AUTH_TRUST_HOST: 'true', APP_URL: env.APP_URL ?? appUrl },
});
superviseChildren([sandbox, app]);

if (await waitForHttp(`${appUrl}/sign-in`, 120_000)) {
  const { DEMO_LOGINS } = await import('./demo-logins.mjs');
  console.log(`\nPractice Sync is running at ${appUrl}\nDemo logins (practice "Harbourside Accounting (demo)"):`);
  console.log(`  admin:  ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}`);
  console.log(`  author: ${DEMO_LOGINS.author.email} / ${DEMO_LOGINS.author.password}`);
  console.log(`Sandbox apps (XPM and Gusto stand-ins): ${sandboxUrl}`);
  console.log('Press Ctrl+C to stop.\n');
}
