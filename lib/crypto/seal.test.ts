import { describe, expect, test } from 'vitest';
import { SecretError } from './errors';
import { keyringFromKeys, parseKeyring, type Keyring } from './keyring';
import { needsReseal, openSecret, sealSecret, sealedKeyVersion } from './seal';

const k1 = Buffer.alloc(32, 0x11);
const k2 = Buffer.alloc(32, 0x22);
const ring1: Keyring = keyringFromKeys({ 1: k1 });
const ring12: Keyring = keyringFromKeys({ 1: k1, 2: k2 });
const ring2only: Keyring = keyringFromKeys({ 2: k2 });

const AAD = 'connection:7f1c:access_token';
const TOKEN = 'eyJhbGciOi.access-token.value+/=ünïcødé';

function errorOf(fn: () => unknown): SecretError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretError) return error;
    throw error;
  }
  throw new Error('expected a SecretError');
}

/** Rebuilds a sealed value with one decoded byte of one part flipped. */
function flip(sealed: string, partIndex: 2 | 3 | 4, byteIndex: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealSecret / openSecret', () => {
  test.each([
    ['a token', TOKEN],
    ['an empty string', ''],
    ['a long value', 'x'.repeat(10_000)],
    ['emoji and newlines', 'line1\nline2 🔐'],
  ])('round trips %s', (_name, plaintext) => {
    const sealed = sealSecret(plaintext, AAD, ring1);
    expect(openSecret(sealed, AAD, ring1)).toBe(plaintext);
  });

  test('is self-describing and never contains the plaintext', () => {
    const sealed = sealSecret(TOKEN, AAD, ring1);
    expect(sealed).toMatch(/^v1\.1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('access-token');
    expect(sealedKeyVersion(sealed)).toBe(1);
  });

  test('uses a fresh random IV for every value', () => {
    const a = sealSecret(TOKEN, AAD, ring1);
    const b = sealSecret(TOKEN, AAD, ring1);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  describe('every flipped byte fails', () => {
    const sealed = sealSecret('refresh-token-123', AAD, ring1);
    const parts = sealed.split('.');
    const cases: [string, 2 | 3 | 4, number][] = [];
    for (const [name, index] of [
      ['iv', 2],
      ['ciphertext', 3],
      ['tag', 4],
    ] as const) {
      const length = Buffer.from(parts[index] ?? '', 'base64url').length;
      for (let byte = 0; byte < length; byte++) cases.push([name, index, byte]);
    }
    test.each(cases)('%s byte %#', (_name, index, byte) => {
      const error = errorOf(() => openSecret(flip(sealed, index, byte), AAD, ring1));
      expect(error.code).toBe('decrypt_failed');
      expect(error.message).not.toContain('refresh-token');
    });
  });

  test.each([
    ['another connection', 'connection:8a2d:access_token'],
    ['another column of the same connection', 'connection:7f1c:refresh_token'],
    ['a prefix of the identity', 'connection:7f1c'],
  ])('a value moved to %s does not open', (_name, otherAad) => {
    const sealed = sealSecret(TOKEN, AAD, ring1);
    const error = errorOf(() => openSecret(sealed, otherAad, ring1));
    expect(error.code).toBe('decrypt_failed');
    expect(error.message).toMatch(/altered, or it belongs to another record/);
    expect(error.message).not.toContain(TOKEN);
  });

  test('a relabelled key version does not open, even when both versions hold the same key', () => {
    const sameKeyTwice = keyringFromKeys({ 1: k1, 2: k1 }, 1);
    const sealed = sealSecret(TOKEN, AAD, sameKeyTwice);
    const relabelled = sealed.replace(/^v1\.1\./, 'v1.2.');
    expect(errorOf(() => openSecret(relabelled, AAD, sameKeyTwice)).code).toBe('decrypt_failed');
  });

  test('a value opened with the wrong key fails', () => {
    const sealed = sealSecret(TOKEN, AAD, ring1);
    const impostor = keyringFromKeys({ 1: Buffer.alloc(32, 0x99) });
    expect(errorOf(() => openSecret(sealed, AAD, impostor)).code).toBe('decrypt_failed');
  });
});

describe('key rotation', () => {
  test('old values still open after a new key becomes current; new values use the new key', () => {
    const old = sealSecret(TOKEN, AAD, ring1);
    expect(ring12.current).toBe(2);
    expect(openSecret(old, AAD, ring12)).toBe(TOKEN);
    expect(needsReseal(old, ring12)).toBe(true);

    const fresh = sealSecret(TOKEN, AAD, ring12);
    expect(sealedKeyVersion(fresh)).toBe(2);
    expect(fresh.startsWith('v1.2.')).toBe(true);
    expect(needsReseal(fresh, ring12)).toBe(false);
    expect(openSecret(fresh, AAD, ring2only)).toBe(TOKEN);
  });

  test('rotation parsed from an environment spec behaves the same', () => {
    const before = parseKeyring(`1:${k1.toString('base64')}`);
    const after = parseKeyring(`2:${k2.toString('base64')},1:${k1.toString('base64')}`);
    const sealed = sealSecret(TOKEN, AAD, before);
    expect(openSecret(sealed, AAD, after)).toBe(TOKEN);
    expect(sealedKeyVersion(sealSecret(TOKEN, AAD, after))).toBe(2);
  });

  test('an unknown key version fails with a clear message', () => {
    const old = sealSecret(TOKEN, AAD, ring1);
    const error = errorOf(() => openSecret(old, AAD, ring2only));
    expect(error.code).toBe('unknown_key_version');
    expect(error.message).toBe('This value was sealed with key version 1, which the keyring no longer holds (it holds 2). Restore that key to open it.');
  });
});

describe('malformed input', () => {
  const good = sealSecret(TOKEN, AAD, ring1);
  const [, , iv, ct, tag] = good.split('.') as [string, string, string, string, string];
  // A 16-byte tag ends in a character carrying 4 unused bits; setting one gives a second
  // spelling of the same bytes, which must be refused rather than silently accepted.
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const strayBits = (text: string) => text.slice(0, -1) + (ALPHABET[ALPHABET.indexOf(text.slice(-1)) ^ 1] ?? '');

  test.each([
    ['empty string', '', /expected 5 dot-separated parts/],
    ['plain text', 'not-a-token', /expected 5 dot-separated parts/],
    ['too few parts', `v1.1.${iv}.${ct}`, /expected 5 dot-separated parts/],
    ['too many parts', `${good}.extra`, /expected 5 dot-separated parts/],
    ['other format', `v2.1.${iv}.${ct}.${tag}`, /unsupported format "v2"/],
    ['version zero', `v1.0.${iv}.${ct}.${tag}`, /bad key version/],
    ['version not a number', `v1.x.${iv}.${ct}.${tag}`, /bad key version/],
    ['standard base64 characters', `v1.1.${iv}+.${ct}.${tag}`, /base64url/],
    ['padding', `v1.1.${iv}=.${ct}.${tag}`, /base64url/],
    ['short IV', `v1.1.${iv.slice(0, 8)}.${ct}.${tag}`, /the IV must be 12 bytes/],
    ['short tag', `v1.1.${iv}.${ct}.${tag.slice(0, 11)}`, /the tag must be 16 bytes|not valid base64/],
    ['missing tag', `v1.1.${iv}.${ct}.`, /the tag must be 16 bytes/],
    ['non-canonical base64url (stray low bits)', `v1.1.${iv}.${ct}.${strayBits(tag)}`, /The tag is not valid base64/],
  ])('%s is refused clearly', (_name, sealed, message) => {
    const error = errorOf(() => openSecret(sealed, AAD, ring1));
    expect(['malformed', 'decrypt_failed']).toContain(error.code);
    expect(error.message).toMatch(message);
  });

  test('a non-string sealed value is malformed', () => {
    expect(errorOf(() => openSecret(42 as unknown as string, AAD, ring1)).code).toBe('malformed');
  });

  test('associated data is required on both sides', () => {
    expect(errorOf(() => sealSecret(TOKEN, '', ring1)).code).toBe('invalid_input');
    expect(errorOf(() => openSecret(good, '', ring1)).code).toBe('invalid_input');
  });

  test('a non-string plaintext is refused without echoing it', () => {
    const error = errorOf(() => sealSecret({ token: 'x' } as unknown as string, AAD, ring1));
    expect(error.code).toBe('invalid_input');
  });

  test('a keyring whose current version has no key is refused', () => {
    const broken: Keyring = { current: 3, keys: new Map([[1, k1]]) };
    expect(errorOf(() => sealSecret(TOKEN, AAD, broken)).code).toBe('invalid_keyring');
  });
});
