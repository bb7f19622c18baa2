import { expect, test } from 'vitest';
import { pickerPlaceholder } from './placeholder';

test.each([
  [[], 'Type a client’s name'],
  [['xpm'], 'Type a name: clients, XPM'],
  [['gusto'], 'Type a name: clients, Gusto'],
  [['xpm', 'gusto'], 'Type a name: clients, XPM, Gusto'],
] as const)('with %j connected: %j, short enough for a phone', (apps, text) => {
  expect(pickerPlaceholder(apps)).toBe(text);
  // About 40 characters fit the field at 390 px (e2e proposals.spec measures the real text).
  expect(text.length).toBeLessThanOrEqual(36);
});
