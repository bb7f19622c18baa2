// `npm start`: the production server (`next start`), in this process, or — with
// WEB_CONCURRENCY=N on PostgreSQL — N `next start` workers sharing one port (node:cluster).
//
// Why workers: one Node process uses one core for HTTP and rendering. With N workers the
// primary hands each new connection to a worker in turn and stays out of the requests
// themselves, so N cores serve one port without a proxy parsing every request in front.
// Each worker is an instance as README "More than one instance" describes: its own pool,
// LISTEN connection and pg-boss worker on the shared queue.
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import path from 'node:path';
import { COMPILE_CACHE_PRELOAD, NEXT_BIN } from './lib.mjs';

// Next must not exit on SIGTERM/SIGINT before the app has closed its database
// (instrumentation-node.ts registerShutdown).
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';

/** The number of workers asked for; 1 (or unset) means this process serves. */
function workerCount(value) {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}".`);
  return n;
}

let workers;
try {
  workers = workerCount(process.env.WEB_CONCURRENCY);
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
const nextBin = path.resolve(NEXT_BIN);
const args = ['start', ...process.argv.slice(2)];

if (workers === 1) {
  // Exactly `next start`, in this process, with the compile cache that `--require` would load.
  createRequire(import.meta.url)(COMPILE_CACHE_PRELOAD[1]);
  process.argv = [process.argv[0], nextBin, ...args];
  await import(nextBin);
} else if (!process.env.DATABASE_URL) {
  console.error(
    `[start] WEB_CONCURRENCY=${workers} needs PostgreSQL (DATABASE_URL): the embedded database (PGlite) allows one process, which holds its data directory's lock. Unset WEB_CONCURRENCY, or set DATABASE_URL.`,
  );
  process.exit(1);
} else {
  cluster.setupPrimary({ exec: nextBin, args, execArgv: [...process.execArgv, ...COMPILE_CACHE_PRELOAD] });
  let stopping = false;
  let exitCode = 0;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    // Each worker finishes or releases its jobs and closes its database, then exits.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      // A worker that dies is not replaced here: the supervisor restarting the whole server
      // (systemd, a container runtime) is the one place that decides about restarts.
      console.error(`[start] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): stopping the others`);
      exitCode = code || 1;
      stop('SIGTERM');
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });
  console.log(`[start] ${workers} workers on one port (WEB_CONCURRENCY=${workers})`);
  for (let i = 0; i < workers; i++) cluster.fork();
}
