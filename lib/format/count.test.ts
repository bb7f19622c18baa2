import { describe, expect, test } from 'vitest';
import { countOf, formatCount } from './count';

describe('countOf', () => {
  test.each([
    [0, 'admin', undefined, '0 admins'],
    [1, 'admin', undefined, '1 admin'],
    [2, 'author', undefined, '2 authors'],
    [2360, 'client', undefined, '2,360 clients'],
    [1, 'company', 'companies', '1 company'],
    [3, 'company', 'companies', '3 companies'],
    [1_000_000, 'record', undefined, '1,000,000 records'],
  ])('%i %s → %s', (n, singular, plural, expected) => {
    expect(countOf(n, singular, plural)).toBe(expected);
  });
});

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [123456, '123,456'],
  ])('%i → %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });
});
