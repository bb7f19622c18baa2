// Small helpers shared by the run scripts (plain Node, no build step).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Starts long-running children and stops them all together on SIGINT/SIGTERM or when one exits. */
export function superviseChildren(children) {
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 5000).unref();
    Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const child of children) child.once('exit', (code) => stop(code ?? 1));
}

/**
 * Long-running children are started with node directly, not through npx: npx does not pass
 * SIGTERM on, and an orphaned `next start` would keep the PGlite lock.
 */
export const NEXT_BIN = 'node_modules/next/dist/bin/next';
/** Node's options for `next start`: the compile cache (scripts/compile-cache.cjs), so a restart reads the server's compiled code back. */
export const COMPILE_CACHE_PRELOAD = ['--require', fileURLToPath(new URL('./compile-cache-preload.cjs', import.meta.url))];
export const TSX_IMPORT = ['--import', 'tsx'];
