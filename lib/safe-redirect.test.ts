import { expect, test } from 'vitest';
import { safeCallbackPath } from './safe-redirect';

const HOME = '/dashboard';

test.each([
  // Paths on this app come back as the parsed URL's path, query and fragment.
  ['/clients?q=a', '/clients?q=a'],
  ['/proposals/1', '/proposals/1'],
  ['/clients?q=a#top', '/clients?q=a#top'],
  ['/clients/../proposals', '/proposals'],
  ['/clients?q=caf\u00e9', '/clients?q=caf%C3%A9'],
  ['/%09/evil.example/phish', '/%09/evil.example/phish'], // stays an (unknown) path here
  ['/sign-in-help', HOME], // the old prefix rule, kept
])('safeCallbackPath(%j) = %j', (input, expected) => {
  expect(safeCallbackPath(input)).toBe(expected);
});

test.each([
  // Other origins, spelled every way a browser still understands.
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  'https://evil.example',
  'http:evil.example',
  'https:/evil.example',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,hi',
  'evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/clients/..//evil.example',
  // Characters browsers strip or that cannot go in a Location header: refused outright.
  '/\t/evil.example/phish',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '/\u0000/evil.example',
  '/clients\u0000',
  '/\u000b/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  '/\u00a0/evil.example',
  '/\u2028/evil.example',
  '/\u3000/evil.example',
  '/\ufeff/evil.example',
  ' /dashboard',
  '/clients?q=a b',
  // Places that are never somewhere to land.
  '/sign-in',
  '/sign-in?callbackUrl=/x',
  '/sign-up',
  '/SIGN-IN',
  '/%73ign-in',
  '/api',
  '/api/auth/signout',
  '/%61pi/auth/signout',
  '/API/auth/signout',
  '/%E0%A4%A', // malformed escape
  // Not a string, or nothing.
  '',
  undefined,
  null,
  42,
  ['/clients'],
])('safeCallbackPath(%j) falls back to the dashboard', (input) => {
  expect(safeCallbackPath(input)).toBe(HOME);
});

test('an absurdly long value falls back (no URL we make is that long)', () => {
  expect(safeCallbackPath(`/${'a'.repeat(3000)}`)).toBe(HOME);
});

test('the fallback can be chosen', () => {
  expect(safeCallbackPath('//evil.example', '/proposals')).toBe('/proposals');
});
