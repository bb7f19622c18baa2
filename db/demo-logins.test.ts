import { expect, test } from 'vitest';
import { DEMO_LOGINS as printed } from '../scripts/demo-logins.mjs';
import { DEMO_LOGINS } from './seed';

test('the logins the demo script prints are the ones the seed creates', () => {
  expect(printed.admin).toEqual({ email: DEMO_LOGINS.admin.email, password: DEMO_LOGINS.admin.password });
  expect(printed.author).toEqual({ email: DEMO_LOGINS.author.email, password: DEMO_LOGINS.author.password });
});
