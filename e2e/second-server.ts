import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A second `next start` of the built app, on its own port and (unless given) its own empty
 * data directory, for specs that need a server configured differently from the suite's.
 */
export interface SecondServer {
  url: string;
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves true once the sign-in page answers, false if the server exits or 60 s pass. */
  ready(): Promise<boolean>;
  stop(): Promise<void>;
}

export function startSecondServer(offset: number, env: Record<string, string> = {}): SecondServer {
  const port = String(Number(process.env.E2E_PORT ?? 3100) + offset);
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ps-second-')),
      DATABASE_URL: '',
      NEXT_MANUAL_SIG_HANDLE: 'true',
      AUTH_TRUST_HOST: 'true',
      APP_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && child.exitCode === null) {
        const answered = await fetch(`http://127.0.0.1:${port}/sign-in`).then(
          (r) => r.status < 500,
          () => false,
        );
        if (answered) return true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return false;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
