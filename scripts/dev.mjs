// `npm run dev`: seed (idempotent, applies migrations) and start `next dev`.
import { run } from './lib.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
if ((await run('npx', ['tsx', 'db/seed-cli.ts'], { env })) !== 0) process.exit(1);
process.exit(await run('npx', ['next', 'dev'], { env }));
