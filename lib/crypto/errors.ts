/**
 * Every failure of the sealing module is a SecretError with a stable `code`, so callers
 * can branch (e.g. `unknown_key_version` → "the key was removed from SECRETS_KEYRING")
 * without parsing messages. Messages are written for an operator reading a log, and by
 * construction never contain the plaintext, the associated data's secret parts or a key.
 */
export type SecretErrorCode =
  | 'invalid_keyring' // the keyring spec or a key in it is malformed
  | 'invalid_input' // bad arguments (empty associated data, non-string plaintext)
  | 'malformed' // the sealed value is not a v1 sealed string
  | 'unknown_key_version' // sealed under a key version the keyring no longer holds
  | 'decrypt_failed'; // tampered, truncated, wrong key, or opened with other associated data

const CODES: ReadonlySet<string> = new Set<SecretErrorCode>(['invalid_keyring', 'invalid_input', 'malformed', 'unknown_key_version', 'decrypt_failed']);

/** Same symbol in every copy of this module (Next bundles server code more than once). */
const BRAND = Symbol.for('practice-sync.secret-error');

export class SecretError extends Error {
  readonly [BRAND] = true;
  readonly code: SecretErrorCode;

  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.name = 'SecretError';
    this.code = code;
  }
}

/** Recognises a SecretError from any copy of this module; never `instanceof` across bundles. */
export function isSecretError(value: unknown): value is SecretError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [BRAND]?: unknown; code?: unknown };
  return candidate[BRAND] === true && typeof candidate.code === 'string' && CODES.has(candidate.code);
}
