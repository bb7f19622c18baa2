// Runs a command as `run` (lib.mjs) does, passing its output through, but stops it when it
// prints nothing for `silenceMs`: a hang, not a slow test. Why: on 2026-12-05 a fresh-clone CI
// run sat idle for 25 minutes with Vitest's one fork worker stuck importing a test file (a
// file-handle close that never completed; no CPU, no database connection). The same file passed
// alone in 9 s and in the runs before and after. A hang would otherwise run CI into its limit.
import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, silenceMs: number }} options
 * @returns {Promise<{ code: number, hung: boolean }>}
 */
export function runWithWatchdog(command, args, { env, silenceMs }) {
  return new Promise((resolve) => {
    // Its own process group, so a hang stops the command and every worker it started.
    const child = spawn(command, args, { env, stdio: ['inherit', 'pipe', 'pipe'], detached: true });
    let hung = false;
    let finished = false;
    let timer;
    const stopGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const arm = () => {
      clearTimeout(timer);
      if (finished) return; // output from a process left behind after the end starts no new timer
      timer = setTimeout(() => {
        hung = true;
        stopGroup('SIGKILL');
      }, silenceMs);
    };
    // Ctrl+C or CI stopping this script stops the group too (detached, it would not get the signal).
    const forward = (signal) => () => {
      stopGroup(signal);
      process.exit(1);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      arm();
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      arm();
    });
    arm();
    const done = (code) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve({ code, hung });
    };
    // 'close' once its output is all passed on; but a process it left behind may hold the pipe
    // open, so the exit is enough after a moment.
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('exit', (code, signal) => setTimeout(() => done(code ?? (signal ? 1 : 0)), 2_000).unref());
    child.on('error', () => done(127));
  });
}
