import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runWithWatchdog } from './watchdog.mjs';

const node = process.execPath;

/** Running: a zombie (killed, not yet reaped by an init that may never reap it) counts as gone. */
function alive(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('runWithWatchdog', () => {
  test('a command that finishes: its exit code, not hung', async () => {
    expect(await runWithWatchdog(node, ['-e', 'process.exit(3)'], { silenceMs: 5_000 })).toEqual({ code: 3, hung: false });
    expect(await runWithWatchdog(node, ['-e', 'console.log("ok")'], { silenceMs: 5_000 })).toEqual({ code: 0, hung: false });
  });

  test('output keeps it going: a command that prints every 400 ms for 4 s outlives a 2 s silence limit', async () => {
    // Prints at once (Node's start on a busy machine is inside the limit), then keeps printing.
    const script = 'let i = 0; console.log(i); const t = setInterval(() => { console.log(++i); if (i === 10) clearInterval(t); }, 400);';
    expect(await runWithWatchdog(node, ['-e', script], { silenceMs: 2_000 })).toEqual({ code: 0, hung: false });
  });

  test('silence stops it and says so, with the processes it started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watchdog-'));
    const pidFile = join(dir, 'grandchild.pid');
    // A child that starts a long-lived process of its own (as Vitest starts its workers), prints once, then hangs.
    const script = `
      const { spawn } = require('node:child_process');
      const { writeFileSync } = require('node:fs');
      const grandchild = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      writeFileSync(${JSON.stringify(pidFile)}, String(grandchild.pid));
      console.log('started');
      setTimeout(() => {}, 60000);`;
    const started = Date.now();
    const result = await runWithWatchdog(node, ['-e', script], { silenceMs: 800 });
    expect(result.hung).toBe(true);
    expect(result.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(grandchild), { timeout: 5_000 }).toBe(false);
  });
});
