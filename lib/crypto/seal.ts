import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeBase64Strict, encodeBase64Url } from './base64';
import { SecretError } from './errors';
import type { Keyring } from './keyring';

/**
 * AES-256-GCM sealing for values at rest (OAuth tokens, client secrets).
 *
 * Format: `v1.<keyVersion>.<iv>.<ciphertext>.<tag>` with base64url parts. The value
 * names its own key version, so opening never guesses and keys can rotate.
 *
 * The caller's `aad` is the record's identity, e.g. `connection:<id>:access_token`. It is
 * not stored in the value; it must be supplied again to open it. A sealed token copied
 * into another connection's row (or another column) therefore fails to open instead of
 * handing that connection someone else's access.
 */
const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // the GCM standard nonce size; random per value
const TAG_BYTES = 16;

/**
 * The associated data actually authenticated: the format and key version are bound too, so
 * a value cannot be relabelled with another version (even if two versions held the same
 * key) or read back under a future format by mistake.
 */
function associatedData(version: number, aad: string): Buffer {
  return Buffer.from(`${FORMAT}.${version}.${aad}`, 'utf8');
}

function requireAad(aad: string): void {
  if (typeof aad !== 'string' || aad === '') {
    throw new SecretError('invalid_input', 'Sealing needs the record identity as associated data (e.g. "connection:<id>:access_token").');
  }
}

export function sealSecret(plaintext: string, aad: string, keyring: Keyring): string {
  if (typeof plaintext !== 'string') throw new SecretError('invalid_input', 'Only strings can be sealed.');
  requireAad(aad);
  const version = keyring.current;
  const key = keyring.keys.get(version);
  if (!key) throw new SecretError('invalid_keyring', `The keyring's current version ${version} has no key.`);

  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(version, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, String(version), encodeBase64Url(iv), encodeBase64Url(ciphertext), encodeBase64Url(tag)].join('.');
}

interface ParsedSealed {
  version: number;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseSealed(sealed: string): ParsedSealed {
  const malformed = (why: string) => new SecretError('malformed', `Not a sealed value: ${why}.`);
  if (typeof sealed !== 'string') throw malformed('expected a string');
  const parts = sealed.split('.');
  if (parts.length !== 5) throw malformed('expected 5 dot-separated parts');
  const [format, versionText, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  if (format !== FORMAT) throw malformed(`unsupported format "${format.slice(0, 8)}"`);
  if (!/^[1-9][0-9]{0,8}$/.test(versionText)) throw malformed('bad key version');
  // Standard base64 in a sealed value means it was not produced here: only base64url is valid.
  for (const part of [ivText, ciphertextText, tagText]) {
    if (!/^[A-Za-z0-9_-]*$/.test(part)) throw malformed('parts must be base64url');
  }
  const iv = decodeBase64Strict(ivText, 'The IV', 'malformed');
  const ciphertext = decodeBase64Strict(ciphertextText, 'The ciphertext', 'malformed');
  const tag = decodeBase64Strict(tagText, 'The tag', 'malformed');
  if (iv.length !== IV_BYTES) throw malformed(`the IV must be ${IV_BYTES} bytes`);
  if (tag.length !== TAG_BYTES) throw malformed(`the tag must be ${TAG_BYTES} bytes`);
  return { version: Number(versionText), iv, ciphertext, tag };
}

export function openSecret(sealed: string, aad: string, keyring: Keyring): string {
  requireAad(aad);
  const { version, iv, ciphertext, tag } = parseSealed(sealed);
  const key = keyring.keys.get(version);
  if (!key) {
    const held = [...keyring.keys.keys()].sort((a, b) => a - b).join(', ');
    throw new SecretError(
      'unknown_key_version',
      `This value was sealed with key version ${version}, which the keyring no longer holds (it holds ${held}). Restore that key to open it.`,
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(version, aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // One message for every cause on purpose: telling "wrong record" from "tampered" apart
    // would help nobody but an attacker, and Node's own error text is not ours to log.
    throw new SecretError('decrypt_failed', `The sealed value could not be opened with key version ${version}: it was altered, or it belongs to another record.`);
  }
}

/** The key version a value was sealed with, so a job can find values to re-seal after rotation. */
export function sealedKeyVersion(sealed: string): number {
  return parseSealed(sealed).version;
}

/** True when the value was sealed with an older key than the keyring's current one. */
export function needsReseal(sealed: string, keyring: Keyring): boolean {
  return sealedKeyVersion(sealed) !== keyring.current;
}
