import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gusto signs each webhook delivery with `X-Gusto-Signature`: the hex HMAC-SHA256 of the raw
 * request body, keyed by the subscription's verification token. The body must be the bytes
 * as received — parsing and re-serialising JSON changes them — and the comparison runs in
 * constant time, so a forger learns nothing from how long a wrong guess took to refuse.
 */
export const GUSTO_SIGNATURE_HEADER = 'x-gusto-signature';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_signature' | 'malformed_signature' | 'no_verification_token' | 'mismatch' };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export function gustoSignature(rawBody: string | Uint8Array, verificationToken: string): string {
  return createHmac('sha256', verificationToken).update(rawBody).digest('hex');
}

export function verifyGustoSignature(rawBody: string | Uint8Array, signatureHeader: string | null | undefined, verificationToken: string | null | undefined): SignatureCheck {
  if (!verificationToken) return { ok: false, reason: 'no_verification_token' };
  const signature = signatureHeader?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  if (!HEX_SHA256.test(signature)) return { ok: false, reason: 'malformed_signature' };
  const expected = Buffer.from(gustoSignature(rawBody, verificationToken), 'hex');
  const given = Buffer.from(signature, 'hex');
  // Both are 32 bytes here (the pattern above), as timingSafeEqual requires.
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
