import { expect, test } from 'vitest';
import { pageOf } from './list-page';

test.each([
  [0, 1, 25, { page: 1, pageCount: 1, offset: 0 }],
  [25, 1, 25, { page: 1, pageCount: 1, offset: 0 }],
  [26, 2, 25, { page: 2, pageCount: 2, offset: 25 }],
  [26, 9, 25, { page: 2, pageCount: 2, offset: 25 }], // past the end: the last page
  [100, 0, 25, { page: 1, pageCount: 4, offset: 0 }],
])('%i rows, page %i of %i each → %j', (total, requested, size, expected) => {
  expect(pageOf(total, requested, size)).toEqual(expected);
});
