import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by a process and all its descendants (a `next start`, or `npm start`'s
 * cluster workers), read from Linux's /proc. The endpoint bench divides it by the searches
 * answered: CPU per search is what sets how many searches the cores can answer, and unlike
 * latency it hardly moves when something else shares the machine, so before/after
 * comparisons hold on a busy machine too.
 */
export function processTreeCpuMs(rootPid: number): number {
  const stats = everyProcess();
  const inTree = new Set([rootPid]);
  // Parents before children is not guaranteed by pid order: repeat until nothing joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  return cpuMs(stats.filter((s) => inTree.has(s.pid)));
}

/**
 * CPU time used so far by each process running `command` (as /proc names it: "postgres" for
 * the server and all its backends, autovacuum workers and checkpointer included), by pid.
 * Compare two readings with cpuUsedBetween: backends come and go between them.
 */
export function commandCpuMs(command: string): Map<number, number> {
  return new Map(everyProcess().flatMap((s) => (s.command === command ? [[s.pid, cpuMs([s])] as const] : [])));
}

/**
 * The CPU used between two commandCpuMs readings: each process's growth, a process started
 * in between counted whole. A process that ended in between is missing from `after`, and
 * its share of the span is lost (undercounted, never negative).
 */
export function cpuUsedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}

function everyProcess(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return [parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))];
      } catch {
        return []; // exited between the listing and the read
      }
    });
}

const cpuMs = (stats: ProcStat[]) => (stats.reduce((sum, s) => sum + s.utimeTicks + s.stimeTicks, 0) * 1000) / clockTicksPerSecond();

export interface ProcStat {
  pid: number;
  /** The command name (field 2, without its parentheses). */
  command: string;
  ppid: number;
  utimeTicks: number;
  stimeTicks: number;
}

/**
 * One /proc/<pid>/stat line. The command name (field 2) is in parentheses and may itself hold
 * spaces and parentheses, so fields are counted from the last ')'.
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  if (close === -1) throw new Error(`not a /proc stat line: ${line.slice(0, 40)}`);
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // After ')': state (field 3), ppid (4), … utime (14), stime (15).
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  const command = line.slice(line.indexOf('(') + 1, close);
  return { pid, command, ppid: field(4), utimeTicks: field(14), stimeTicks: field(15) };
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}
