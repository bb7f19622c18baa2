import { RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { describe, expect, test } from 'vitest';
import { parseCookieHeader } from './cookie-header';

/** What Next's own `request.cookies.getAll()` gives for the same header. */
function asNextReadsIt(header: string) {
  return new RequestCookies(new Headers({ cookie: header })).getAll().map(({ name, value }) => ({ name, value }));
}

describe('parseCookieHeader reads a Cookie header as Next does', () => {
  test.each([
    ['one cookie', 'authjs.session-token=abc.def.ghi'],
    ['several, with and without spaces', 'a=1; b=2;c=3;  d=4'],
    ['a value holding "="', 'token=eyJ.a=b==; x=1'],
    ['percent-encoded', 'name=J%C3%B6rg%20S; other=%3D'],
    ['a value that does not decode is left out', 'bad=%E0%A4%A; good=1'],
    ['a pair without "=" is "true"', 'flag; a=1'],
    ['the later of two same-named cookies wins', 'a=1; b=2; a=3'],
    ['empty pairs are skipped', ';; a=1;'],
    ['an empty value', 'a=; b=2'],
    ['a space before "=" stays in the name, as in Next', 'x=1; a =1'],
    ['a split session token', 'authjs.session-token.1=def; authjs.session-token.0=abc'],
  ])('%s', (_, header) => {
    expect(parseCookieHeader(header)).toEqual(asNextReadsIt(header));
  });

  test('no header, or an empty one, is no cookies', () => {
    expect(parseCookieHeader(undefined)).toEqual([]);
    expect(parseCookieHeader('')).toEqual([]);
  });

  test('values are decoded, not passed through', () => {
    expect(parseCookieHeader('name=J%C3%B6rg')).toEqual([{ name: 'name', value: 'Jörg' }]);
  });
});
