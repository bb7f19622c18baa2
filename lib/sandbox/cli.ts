/**
 * Run the sandbox on its own: `npx tsx lib/sandbox/cli.ts --port 4010 [--host 127.0.0.1] [--test-mode]`.
 * Environment: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_TEST_MODE=1. Flags win over the environment.
 */
import { startSandbox } from './server';

function parseArgs(argv: string[]): { port?: number; host?: string; testMode?: boolean } {
  const out: { port?: number; host?: string; testMode?: boolean } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = (arg ?? '').split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') out.port = Number(value());
    else if (flag === '--host') out.host = value();
    else if (flag === '--test-mode') out.testMode = true;
    else if (flag === '--help' || flag === '-h') {
      console.log('Usage: tsx lib/sandbox/cli.ts [--port 4010] [--host 127.0.0.1] [--test-mode]');
      process.exit(0);
    } else {
      console.error(`Unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const envPort = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : undefined;
  const port = args.port ?? envPort ?? 4010;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Invalid port: ${String(port)}`);
    process.exit(2);
  }
  const testMode = args.testMode ?? ['1', 'true', 'yes'].includes((process.env.SANDBOX_TEST_MODE ?? '').toLowerCase());
  const sandbox = await startSandbox({ port, host: args.host ?? process.env.SANDBOX_HOST ?? '127.0.0.1', testMode });
  console.log(`Sandbox (XPM + Gusto) listening on ${sandbox.url}${testMode ? ' [test mode]' : ''}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => {
        console.log(`Sandbox stopped (${signal})`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Sandbox failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Sandbox failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
