import { expect, test } from 'vitest';
import { charactersLeftHint, COUNT_FROM_REMAINING } from './characters-left';

test.each([
  ['', 200, undefined],
  ['x'.repeat(200 - COUNT_FROM_REMAINING - 1), 200, undefined],
  ['x'.repeat(200 - COUNT_FROM_REMAINING), 200, `${COUNT_FROM_REMAINING} characters left`],
  ['x'.repeat(199), 200, '1 character left'],
  ['x'.repeat(200), 200, '0 characters left'],
  ['x'.repeat(201), 200, '1 character over the limit of 200'],
  ['x'.repeat(208), 200, '8 characters over the limit of 200'],
  [`  ${'x'.repeat(200)}  `, 200, '0 characters left'], // counted trimmed, as saved
])('%#: %s characters of %i → %s', (value, max, hint) => {
  expect(charactersLeftHint(value, max)).toBe(hint);
});
