import { describe, expect, test } from 'vitest';
import { restartsAfterApplying } from './settled-records';

describe('restartsAfterApplying: a claimed run starts again from its first record only when widened after applying some', () => {
  test.each([
    { what: 'resumed, applied some, cursor cleared by a widening request', cursor: null, processed: 3, resumed: true, expected: true },
    { what: 'resumed with its cursor: it continues after it', cursor: 'rec-5', processed: 3, resumed: true, expected: false },
    { what: 'resumed before its first batch: nothing applied, it simply starts', cursor: null, processed: 0, resumed: true, expected: false },
    { what: 'a first claim', cursor: null, processed: 0, resumed: false, expected: false },
    { what: 'taken over after its worker died during the read (not resumed)', cursor: null, processed: 2, resumed: false, expected: false },
  ])('$what → $expected', ({ cursor, processed, resumed, expected }) => {
    expect(restartsAfterApplying({ cursor, processed }, resumed)).toBe(expected);
  });
});
