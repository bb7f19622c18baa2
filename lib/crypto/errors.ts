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

export class SecretError extends Error {
  readonly code: SecretErrorCode;

  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.name = 'SecretError';
    this.code = code;
  }
}
