import { decode, encode } from 'next-auth/jwt';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { sessionFromCookies, sessionTokenFrom } from './session-cookie';

// The real decode, watched: a token seen before must not be decrypted again.
vi.mock('next-auth/jwt', async (original) => {
  const real = await original<typeof import('next-auth/jwt')>();
  return { ...real, decode: vi.fn(real.decode) };
});

const SECRET = 'test-secret-of-sufficient-length-0123456789';
const USER_ID = '0a6c3b9e-2f4d-4e8a-9b1c-5d7e8f9a0b1c';
const PLAIN = 'authjs.session-token';
const SECURE = '__Secure-authjs.session-token';

const CLAIMS = { userId: USER_ID, sessionVersion: 3 };

const token = (overrides: { sub?: string | undefined; sv?: unknown; salt?: string; secret?: string; maxAge?: number } = {}) =>
  encode({
    token: {
      sub: 'sub' in overrides ? overrides.sub : USER_ID,
      sv: 'sv' in overrides ? overrides.sv : 3,
      name: 'Avery',
    },
    secret: overrides.secret ?? SECRET,
    salt: overrides.salt ?? PLAIN,
    maxAge: overrides.maxAge ?? 3600,
  });

describe('sessionFromCookies', () => {
  test('a token Auth.js issued gives its user id and session version, over HTTP and HTTPS', async () => {
    expect(await sessionFromCookies([{ name: PLAIN, value: await token() }], SECRET)).toEqual(CLAIMS);
    expect(await sessionFromCookies([{ name: SECURE, value: await token({ salt: SECURE }) }], SECRET)).toEqual(CLAIMS);
  });

  test.each([
    ['no cookie at all', async () => []],
    ['another cookie only', async () => [{ name: 'theme', value: 'dark' }]],
    ['sealed with another secret', async () => [{ name: PLAIN, value: await token({ secret: 'another-secret-of-sufficient-length-987' }) }]],
    ['moved to the other cookie name (its key salt differs)', async () => [{ name: SECURE, value: await token({ salt: PLAIN }) }]],
    ['expired', async () => [{ name: PLAIN, value: await token({ maxAge: -60 }) }]],
    ['without a user id', async () => [{ name: PLAIN, value: await token({ sub: undefined }) }]],
    ['without a session version (issued before versions existed)', async () => [{ name: PLAIN, value: await token({ sv: undefined }) }]],
    ['with a session version that is not a whole number', async () => [{ name: PLAIN, value: await token({ sv: '3' }) }]],
    ['garbage', async () => [{ name: PLAIN, value: 'not-a-jwt' }]],
  ])('%s → nobody', async (_label, cookies) => {
    expect(await sessionFromCookies(await cookies(), SECRET)).toBeNull();
  });

  test('a tampered token → nobody', async () => {
    const value = await token();
    const parts = value.split('.');
    const ciphertext = parts[3]!;
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
    expect(await sessionFromCookies([{ name: PLAIN, value: parts.join('.') }], SECRET)).toBeNull();
  });

  test('a token split into chunks is joined in order', async () => {
    const value = await token();
    const third = Math.ceil(value.length / 3);
    const chunks = [0, 1, 2].map((i) => ({ name: `${PLAIN}.${i}`, value: value.slice(i * third, (i + 1) * third) }));
    expect(await sessionFromCookies([chunks[2]!, chunks[0]!, chunks[1]!], SECRET)).toEqual(CLAIMS);
  });
});

describe('sessionFromCookies remembers tokens it decrypted', () => {
  afterEach(() => vi.useRealTimers());

  test('the same token again is not decrypted again, and gives the same claims', async () => {
    const cookies = [{ name: PLAIN, value: await token({ sv: 7 }) }];
    vi.mocked(decode).mockClear();
    expect(await sessionFromCookies(cookies, SECRET)).toEqual({ userId: USER_ID, sessionVersion: 7 });
    expect(await sessionFromCookies(cookies, SECRET)).toEqual({ userId: USER_ID, sessionVersion: 7 });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  test('a remembered token is refused once it expires', async () => {
    const cookies = [{ name: PLAIN, value: await token({ sv: 8, maxAge: 60 }) }];
    expect(await sessionFromCookies(cookies, SECRET)).toEqual({ userId: USER_ID, sessionVersion: 8 });
    vi.useFakeTimers({ now: Date.now() + 2 * 60_000 });
    expect(await sessionFromCookies(cookies, SECRET)).toBeNull();
  });

  test('a token remembered under one secret is not accepted under another', async () => {
    const cookies = [{ name: PLAIN, value: await token({ sv: 9 }) }];
    expect(await sessionFromCookies(cookies, SECRET)).toEqual({ userId: USER_ID, sessionVersion: 9 });
    expect(await sessionFromCookies(cookies, 'another-secret-of-sufficient-length-987')).toBeNull();
  });

  test('a refused token is decrypted (and refused) every time, never remembered', async () => {
    const cookies = [{ name: PLAIN, value: await token({ sv: undefined }) }];
    vi.mocked(decode).mockClear();
    expect(await sessionFromCookies(cookies, SECRET)).toBeNull();
    expect(await sessionFromCookies(cookies, SECRET)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
  });
});

describe('sessionTokenFrom', () => {
  test('prefers the whole cookie, ignores look-alike names, orders chunks numerically', () => {
    expect(
      sessionTokenFrom(
        [
          { name: PLAIN, value: 'whole' },
          { name: `${PLAIN}.0`, value: 'chunk' },
        ],
        PLAIN,
      ),
    ).toBe('whole');
    expect(
      sessionTokenFrom(
        [
          { name: `${PLAIN}-other`, value: 'x' },
          { name: `${PLAIN}.x`, value: 'y' },
        ],
        PLAIN,
      ),
    ).toBeNull();
    const chunks = Array.from({ length: 11 }, (_, i) => ({ name: `${PLAIN}.${i}`, value: String.fromCharCode(97 + i) }));
    expect(sessionTokenFrom([...chunks].reverse(), PLAIN)).toBe('abcdefghijk');
  });
});
