import { describe, expect, test } from 'vitest';
import { type NamedTraceEvent, mainThreadCpu } from '@/scripts/bench/main-thread-cpu';

const page = { pid: 2, tid: 7 };
const blank = { pid: 1, tid: 7 };
const named = (thread: { pid: number; tid: number }, name: string): NamedTraceEvent => ({ ...thread, name: 'thread_name', ph: 'M', ts: 0, args: { name } });
const task = (thread: { pid: number; tid: number }, ts: number, dur: number, tdur: number, name = 'RunTask'): NamedTraceEvent => ({ ...thread, name, ph: 'X', ts, dur, tdur });

describe('mainThreadCpu (bench:page-cpu)', () => {
  test('counts the busiest renderer main thread only: not the blank first document, not other threads', () => {
    const cpu = mainThreadCpu([
      named(blank, 'CrRendererMain'),
      named(page, 'CrRendererMain'),
      named({ pid: 2, tid: 9 }, 'Compositor'),
      task(blank, 0, 3_000, 2_000),
      task(page, 10_000, 30_000, 20_000),
      task(page, 50_000, 10_000, 5_000),
      task({ pid: 2, tid: 9 }, 0, 900_000, 900_000),
    ]);
    expect(cpu.totalMs).toBe(25);
  });

  test('script and style+layout are CPU time, nested events counted once by the outermost', () => {
    const cpu = mainThreadCpu([
      named(page, 'CrRendererMain'),
      task(page, 0, 100_000, 60_000),
      task(page, 0, 40_000, 30_000, 'EvaluateScript'),
      task(page, 5_000, 10_000, 8_000, 'FunctionCall'), // inside the evaluation
      task(page, 45_000, 10_000, 9_000, 'RunMicrotasks'),
      task(page, 60_000, 5_000, 4_000, 'UpdateLayoutTree'),
      task(page, 66_000, 6_000, 6_000, 'Layout'),
      task(page, 10_000, 1_000, 1_000, 'Layout'), // forced by the script: both script and layout
      task(page, 80_000, 2_000, 2_000, 'Paint'),
    ]);
    expect(cpu).toMatchObject({ totalMs: 60, scriptMs: 39, styleLayoutMs: 11 });
  });

  test('a trace without a renderer main thread costs nothing', () => {
    expect(mainThreadCpu([task(page, 0, 10_000, 10_000)])).toEqual({ totalMs: 0, scriptMs: 0, styleLayoutMs: 0 });
  });
});
