import { describe, expect, test } from 'vitest';
import { type TraceEvent, toThreadTime } from '@/scripts/bench/thread-time-trace';

const main = { pid: 1, tid: 1 };

describe('toThreadTime (bench:pages with BENCH_PAGES_CPU_TIME)', () => {
  test('a task that shared its core lasts its CPU time, and what ran inside it shrinks alike', () => {
    const task: TraceEvent = { ...main, name: 'RunTask', ph: 'X', ts: 1000, dur: 100, tdur: 40 };
    const child: TraceEvent = { ...main, name: 'EvaluateScript', ph: 'X', ts: 1050, dur: 40 };
    const mark: TraceEvent = { ...main, name: 'mark', ph: 'I', ts: 1100 };
    const later: TraceEvent = { ...main, name: 'RunTask', ph: 'X', ts: 2000, dur: 10, tdur: 10 };
    const elsewhere: TraceEvent = { pid: 1, tid: 2, name: 'RunTask', ph: 'X', ts: 1000, dur: 100, tdur: 10 };
    toThreadTime([later, child, task, mark, elsewhere]);
    expect(task).toMatchObject({ ts: 1000, dur: 40 });
    expect(child).toMatchObject({ ts: 1020, dur: 16 });
    expect(mark.ts).toBe(1040);
    expect(later).toMatchObject({ ts: 2000, dur: 10 });
    // Another thread's tasks are scaled by their own CPU time, not by the main thread's.
    expect(elsewhere).toMatchObject({ ts: 1000, dur: 10 });
  });

  test.each([
    ['never lengthens a task (CPU time above wall time is rounding)', 50, 60, 50],
    ['never shrinks a task below 5% of its wall time', 200, 1, 10],
  ])('%s', (_name, dur, tdur, expected) => {
    const task: TraceEvent = { ...main, name: 'RunTask', ph: 'X', ts: 0, dur, tdur };
    toThreadTime([task]);
    expect(task.dur).toBe(expected);
  });
});
