import { describe, expect, test } from 'vitest';
import { resumedAfterApplying } from './settled-records';

describe('resumedAfterApplying: a claimed run leaves out what it settled once it resumes after applying some', () => {
  test.each([
    { what: 'resumed, applied some, cursor cleared by a widening request', cursor: null, processed: 3, resumed: true, expected: true },
    { what: 'resumed with a cursor (never widened, or widened then stopped again)', cursor: 'rec-5', processed: 3, resumed: true, expected: true },
    { what: 'resumed before its first batch: nothing applied, it simply starts', cursor: null, processed: 0, resumed: true, expected: false },
    { what: 'a first claim', cursor: null, processed: 0, resumed: false, expected: false },
  ])('$what → $expected', ({ processed, resumed, expected }) => {
    expect(resumedAfterApplying({ processed }, resumed)).toBe(expected);
  });
});
