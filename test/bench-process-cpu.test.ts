import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { parseProcStat, processTreeCpuMs } from '@/scripts/bench/process-cpu';

test('a stat line is read from after the command name, which may hold spaces and parentheses', () => {
  const line = '4242 (next-server (v16) x) S 4200 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
  expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 4200, utimeTicks: 1234, stimeTicks: 567 });
});

test('a line without a command name is refused', () => {
  expect(() => parseProcStat('garbage')).toThrow(/not a \/proc stat line/);
});

test("a child's CPU counts towards its parent's tree", async () => {
  // The child burns 300 ms of CPU (by its own clock, so however busy the machine is), says so,
  // and waits to be stopped: its CPU is read while it is still this process's descendant.
  const child = spawn(process.execPath, ['-e', "while (process.cpuUsage().user < 300_000); console.log('done'); setInterval(() => {}, 1000);"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const before = processTreeCpuMs(process.pid);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const after = processTreeCpuMs(process.pid);
  child.kill();
  expect(after - before).toBeGreaterThanOrEqual(250);
});
