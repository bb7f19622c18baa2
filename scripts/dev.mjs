// `npm run dev`: seed (idempotent, applies migrations), then `next dev` beside the sandbox apps.
import { spawn } from 'node:child_process';
import { run, superviseChildren, NEXT_BIN, TSX_IMPORT } from './lib.mjs';

const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SANDBOX_URL: process.env.SANDBOX_URL ?? `http://127.0.0.1:${sandboxPort}` };
if ((await run('npx', ['tsx', 'db/seed-cli.ts'], { env })) !== 0) process.exit(1);
const sandbox = spawn(process.execPath, [...TSX_IMPORT, 'lib/sandbox/cli.ts', '--port', sandboxPort], { stdio: 'inherit', env });
const app = spawn(process.execPath, [NEXT_BIN, 'dev'], { stdio: 'inherit', env });
superviseChildren([sandbox, app]);
