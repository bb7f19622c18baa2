/**
 * Lighthouse's mobile TBT is simulated from the trace of an unthrottled load: each main-thread
 * task's wall time × 4. On a shared machine a task's wall time includes the time other
 * processes had the core, so the same page's TBT swings by 2–3× from run to run. Here every
 * task is shrunk to its thread (CPU) time, `tdur`, with everything inside it scaled alike so
 * that nesting holds: what the task would have taken on an idle machine, near enough.
 * (`BENCH_PAGES_CPU_TIME=1 npm run bench:pages` audits traces rewritten this way.)
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
}

/** Rewrites `events` in place: each top-level task (`RunTask`) lasts its thread time. */
export function toThreadTime(events: TraceEvent[]): void {
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    const list = byThread.get(key) ?? [];
    if (list.length === 0) byThread.set(key, list);
    list.push(event);
  }
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts);
    const tasks = list.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur && e.tdur !== undefined);
    let next = 0;
    for (const task of tasks) {
      const start = task.ts;
      const end = task.ts + task.dur!;
      // Never longer than measured; never below 5% (a task that waited on a lock is still a task).
      const factor = Math.min(1, Math.max(0.05, task.tdur! / task.dur!));
      while (next < list.length && list[next]!.ts < start) next++;
      for (let i = next; i < list.length && list[i]!.ts <= end; i++) {
        const event = list[i]!;
        if (event === task) continue;
        const fitsInside = event.dur === undefined || event.ts + event.dur <= end;
        event.ts = start + (event.ts - start) * factor;
        if (event.dur !== undefined && fitsInside) event.dur *= factor;
      }
      task.dur = task.dur! * factor;
    }
  }
}
