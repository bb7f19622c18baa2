import { randomBytes } from 'node:crypto';
import { decodeBase64Strict } from './base64';
import { SecretError } from './errors';

export const KEY_BYTES = 32; // AES-256

/**
 * Every key the app can open values with, by version, and the one new values are sealed
 * with. Rotation: add a new, higher version; new values use it at once, old values keep
 * opening under their own version until they are re-sealed and the old key is removed.
 */
export interface Keyring {
  current: number;
  keys: Map<number, Buffer>;
}

/** Base64 of 32 random bytes: a fresh key for a keyring spec (`3:<this>,2:…`). */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Parses `SECRETS_KEYRING`-style specs: comma-separated `<version>:<base64 key>` entries,
 * e.g. `2:q83v…=,1:Zm9v…=`. Whitespace around entries is ignored; keys may be base64 or
 * base64url.
 *
 * The CURRENT key is the HIGHEST version, wherever it appears in the list. We chose this
 * over "the first entry" so that the order of entries can never matter: rotating is
 * "append a higher version", and reordering or re-sorting the variable cannot silently
 * switch new values back to an old key.
 */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) {
    throw new SecretError('invalid_keyring', 'The keyring is empty: expected entries like "1:<base64 key>".');
  }

  const keys = new Map<number, Buffer>();
  entries.forEach((entry, index) => {
    const position = `Keyring entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      throw new SecretError('invalid_keyring', `${position} must look like "<version>:<base64 key>".`);
    }
    const versionText = entry.slice(0, colon).trim();
    const keyText = entry.slice(colon + 1).trim();
    if (!/^[1-9][0-9]{0,8}$/.test(versionText)) {
      throw new SecretError('invalid_keyring', `${position} has version "${versionText}"; versions are whole numbers from 1.`);
    }
    const version = Number(versionText);
    if (keys.has(version)) {
      throw new SecretError('invalid_keyring', `Keyring version ${version} appears more than once.`);
    }
    // The key text is never echoed back: it is a secret even when it is malformed.
    const key = decodeBase64Strict(keyText, `The key for version ${version}`, 'invalid_keyring');
    if (key.length !== KEY_BYTES) {
      throw new SecretError('invalid_keyring', `The key for version ${version} is ${key.length} bytes; AES-256 keys are ${KEY_BYTES} bytes (44 base64 characters).`);
    }
    keys.set(version, key);
  });

  return { current: Math.max(...keys.keys()), keys };
}

/** A keyring from one raw key, for tests and for the generated embedded-default key. */
export function keyringFromKeys(keys: Record<number, Buffer>, current?: number): Keyring {
  const map = new Map<number, Buffer>();
  for (const [version, key] of Object.entries(keys)) {
    if (key.length !== KEY_BYTES) {
      throw new SecretError('invalid_keyring', `The key for version ${version} is not ${KEY_BYTES} bytes.`);
    }
    map.set(Number(version), key);
  }
  if (map.size === 0) throw new SecretError('invalid_keyring', 'The keyring is empty.');
  const chosen = current ?? Math.max(...map.keys());
  if (!map.has(chosen)) throw new SecretError('invalid_keyring', `The keyring has no key version ${chosen}.`);
  return { current: chosen, keys: map };
}
