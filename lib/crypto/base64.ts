import { SecretError, type SecretErrorCode } from './errors';

/**
 * Strict base64 decoding. Node's Buffer.from(…, 'base64') silently skips characters it
 * does not understand, so a key pasted with a typo would decode to *some* bytes; here we
 * accept only canonical base64 or base64url (with or without padding) and refuse the rest.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function decodeBase64Strict(value: string, what: string, code: SecretErrorCode): Buffer {
  const isUrl = BASE64URL.test(value);
  if (!isUrl && !BASE64.test(value)) {
    throw new SecretError(code, `${what} is not valid base64.`);
  }
  const bytes = Buffer.from(value, isUrl ? 'base64url' : 'base64');
  // Re-encoding must give the same text back; otherwise the input had stray bits or
  // misplaced padding and two different strings would open to the same bytes.
  const unpadded = value.replace(/=+$/, '');
  const again = bytes.toString(isUrl ? 'base64url' : 'base64').replace(/=+$/, '');
  if (again !== unpadded) {
    throw new SecretError(code, `${what} is not valid base64.`);
  }
  return bytes;
}

export function encodeBase64Url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
