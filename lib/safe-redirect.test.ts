import { expect, test } from 'vitest';
import { safeCallbackPath } from './safe-redirect';

test.each([
  ['/clients?q=a', '/clients?q=a'],
  ['/proposals/1', '/proposals/1'],
  ['//evil.example', '/dashboard'],
  ['/\\evil.example', '/dashboard'],
  ['https://evil.example', '/dashboard'],
  ['/sign-in', '/dashboard'],
  ['/api/auth/signout', '/dashboard'],
  [undefined, '/dashboard'],
  [42, '/dashboard'],
])('safeCallbackPath(%j) = %s', (input, expected) => {
  expect(safeCallbackPath(input)).toBe(expected);
});
