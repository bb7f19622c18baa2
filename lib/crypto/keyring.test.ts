import { describe, expect, test } from 'vitest';
import { SecretError } from './errors';
import { generateKey, keyringFromKeys, parseKeyring } from './keyring';

const key1 = Buffer.alloc(32, 1).toString('base64');
const key2 = Buffer.alloc(32, 2).toString('base64');
const key3url = Buffer.alloc(32, 0xfb).toString('base64url'); // has '-'/'_' characters

function errorOf(fn: () => unknown): SecretError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretError) return error;
    throw error;
  }
  throw new Error('expected a SecretError');
}

describe('generateKey', () => {
  test('returns base64 of 32 random bytes, different each time', () => {
    const a = generateKey();
    const b = generateKey();
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(a).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(parseKeyring(`1:${a}`).keys.get(1)?.toString('base64')).toBe(a);
  });
});

describe('parseKeyring', () => {
  test.each([
    ['one key', `1:${key1}`, 1, [1]],
    ['highest first', `2:${key2},1:${key1}`, 2, [1, 2]],
    ['highest last: order never matters', `1:${key1},2:${key2}`, 2, [1, 2]],
    ['whitespace and empty entries', ` 1:${key1} , ,2:${key2}, `, 2, [1, 2]],
    ['base64url keys', `7:${key3url}`, 7, [7]],
    ['gaps in versions', `10:${key1},3:${key2}`, 10, [3, 10]],
  ])('%s', (_name, spec, current, versions) => {
    const keyring = parseKeyring(spec);
    expect(keyring.current).toBe(current);
    expect([...keyring.keys.keys()].sort((a, b) => a - b)).toEqual(versions);
    for (const key of keyring.keys.values()) expect(key).toHaveLength(32);
  });

  const short = Buffer.alloc(16, 9).toString('base64');
  const long = Buffer.alloc(33, 9).toString('base64');
  test.each([
    ['empty', '', /empty/],
    ['only commas', ' , ', /empty/],
    ['no colon', key1, /must look like "<version>:<base64 key>"/],
    ['version zero', `0:${key1}`, /versions are whole numbers from 1/],
    ['negative version', `-1:${key1}`, /versions are whole numbers from 1/],
    ['word version', `v1:${key1}`, /versions are whole numbers from 1/],
    ['duplicate version', `1:${key1},1:${key2}`, /version 1 appears more than once/],
    ['short key', `1:${short}`, /is 16 bytes; AES-256 keys are 32 bytes/],
    ['long key', `1:${long}`, /is 33 bytes; AES-256 keys are 32 bytes/],
    ['bad base64 characters', `1:${key1.slice(0, -2)}!=`, /not valid base64/],
    ['mixed alphabets', `1:${'+'.repeat(20)}${'-'.repeat(23)}=`, /not valid base64/],
    ['truncated base64', `1:${key1.slice(0, 41)}`, /not valid base64|bytes/],
    ['missing key', '1:', /is 0 bytes/],
  ])('refuses %s with a clear message', (_name, spec, message) => {
    const error = errorOf(() => parseKeyring(spec));
    expect(error.code).toBe('invalid_keyring');
    expect(error.message).toMatch(message);
  });

  test('error messages never echo the key material', () => {
    const secretLooking = `${'A'.repeat(40)}!!!=`;
    const error = errorOf(() => parseKeyring(`1:${secretLooking}`));
    expect(error.message).not.toContain('AAAA');
    const wrongLength = errorOf(() => parseKeyring(`1:${short}`));
    expect(wrongLength.message).not.toContain(short);
  });
});

describe('keyringFromKeys', () => {
  test('defaults to the highest version and accepts an explicit current', () => {
    const keys = { 1: Buffer.alloc(32, 1), 2: Buffer.alloc(32, 2) };
    expect(keyringFromKeys(keys).current).toBe(2);
    expect(keyringFromKeys(keys, 1).current).toBe(1);
    expect(errorOf(() => keyringFromKeys(keys, 3)).code).toBe('invalid_keyring');
    expect(errorOf(() => keyringFromKeys({ 1: Buffer.alloc(31) })).code).toBe('invalid_keyring');
    expect(errorOf(() => keyringFromKeys({})).code).toBe('invalid_keyring');
  });
});
