import { expect, test } from 'vitest';
import { secureCookiesFor } from './secure-cookies';

test.each([
  ['https://practicesync.example.com', true],
  ['HTTPS://practicesync.example.com:8443/app', true],
  ['http://localhost:3000', false],
  ['http://127.0.0.1:3201', false],
  [undefined, undefined],
  ['', undefined],
])('APP_URL %s → secure cookies %s', (appUrl, expected) => {
  expect(secureCookiesFor(appUrl)).toBe(expected);
});
