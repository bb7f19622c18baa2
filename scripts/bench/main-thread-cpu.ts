import type { TraceEvent } from './thread-time-trace';

/** A trace event with the arguments this module reads (thread names). */
export interface NamedTraceEvent extends TraceEvent {
  args?: { name?: string };
}

/** What one page load cost its renderer's main thread, in CPU time (unthrottled). */
export interface MainThreadCpu {
  /** Every task's CPU time. */
  totalMs: number;
  /** Script: compiling and running it (module evaluation, hydration, timers, events). */
  scriptMs: number;
  /** Style recalculation and layout. */
  styleLayoutMs: number;
}

/** Events that are script running; nested ones (a function called by an evaluated script) are counted once, by the outermost. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'v8.compile', 'TimerFire', 'FireAnimationFrame']);
const STYLE_LAYOUT_EVENTS = new Set(['UpdateLayoutTree', 'Layout']);

const isComplete = (event: TraceEvent): event is TraceEvent & { dur: number; tdur: number } => event.ph === 'X' && event.dur !== undefined && event.tdur !== undefined;

/**
 * The page's main thread: of the renderers' main threads (`CrRendererMain`), the one that
 * worked most. A navigation can start in one renderer and commit in another, and the new
 * tab's first, blank document has a main thread of its own.
 */
function pageMainThread(events: readonly NamedTraceEvent[]): string | null {
  const renderers = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const busy = new Map<string, number>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.name === 'RunTask' && renderers.has(thread) && isComplete(event)) busy.set(thread, (busy.get(thread) ?? 0) + event.tdur);
  }
  return [...busy].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Sums the CPU time (`tdur`, µs) of `events`, each counted once even where they nest. */
function outermostCpuMs(events: (TraceEvent & { dur: number; tdur: number })[]): number {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let sum = 0;
  let coveredUntil = -Infinity;
  for (const event of sorted) {
    if (event.ts < coveredUntil) continue; // inside one already counted
    sum += event.tdur;
    coveredUntil = event.ts + event.dur;
  }
  return sum / 1000;
}

/** The main-thread CPU of the page load a trace recorded (Chromium's devtools.timeline categories). */
export function mainThreadCpu(events: readonly NamedTraceEvent[]): MainThreadCpu {
  const thread = pageMainThread(events);
  const onMain = events.filter((e): e is TraceEvent & { dur: number; tdur: number } => `${e.pid}:${e.tid}` === thread && isComplete(e));
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  return {
    totalMs: outermostCpuMs(tasks),
    scriptMs: outermostCpuMs(onMain.filter((e) => SCRIPT_EVENTS.has(e.name))),
    styleLayoutMs: outermostCpuMs(onMain.filter((e) => STYLE_LAYOUT_EVENTS.has(e.name))),
  };
}
