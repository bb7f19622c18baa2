import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { commandCpuMs, cpuUsedBetween, parseProcStat, processTreeCpuMs } from '@/scripts/bench/process-cpu';

test('a stat line is read from after the command name, which may hold spaces and parentheses', () => {
  const line = '4242 (next-server (v16) x) S 4200 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
  expect(parseProcStat(line)).toEqual({ pid: 4242, command: 'next-server (v16) x', ppid: 4200, utimeTicks: 1234, stimeTicks: 567 });
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

test("a command's CPU is summed over every process running it", async () => {
  // Two children under their own command name, each burning 200 ms of CPU once told to.
  const script = `process.title = 'bench-cpu-probe'; console.log('ready');
    process.stdin.once('data', () => { const start = process.cpuUsage().user; while (process.cpuUsage().user - start < 200_000); console.log('done'); });`;
  const children = [0, 1].map(() => spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] }));
  const line = (child: (typeof children)[number]) => new Promise((resolve) => child.stdout.once('data', resolve));
  await Promise.all(children.map(line));
  const before = commandCpuMs('bench-cpu-probe');
  const done = children.map(line);
  for (const child of children) child.stdin.write('go\n');
  await Promise.all(done);
  const after = commandCpuMs('bench-cpu-probe');
  for (const child of children) child.kill();
  expect(before.size).toBe(2);
  expect(cpuUsedBetween(before, after)).toBeGreaterThanOrEqual(350);
  expect(commandCpuMs('no-such-command-here').size).toBe(0);
});

test('between two readings, each process counts its growth; one started in between counts whole, one ended counts nothing', () => {
  const before = new Map([
    [1, 100],
    [2, 50],
    [3, 400],
  ]);
  const after = new Map([
    [1, 130],
    [2, 50],
    [4, 20],
  ]);
  expect(cpuUsedBetween(before, after)).toBe(30 + 0 + 20);
});
