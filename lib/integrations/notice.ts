import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/secrets';

/**
 * A one-line outcome carried across the OAuth redirect in the URL. It is signed, so nobody
 * can craft a link that makes the Integrations page display text of their choosing.
 */
export interface Notice {
  tone: 'success' | 'error';
  message: string;
  /** The message says how to try again ("choose Connect XPM again, then Allow"): the page adds no retry of its own. */
  saysRetry?: boolean;
}

function sign(payload: string): string {
  return createHmac('sha256', `notice:${authSecret()}`).update(payload).digest('base64url');
}

export function encodeNotice(notice: Notice): string {
  const payload = Buffer.from(JSON.stringify({ t: notice.tone, m: notice.message.slice(0, 500), ...(notice.saysRetry ? { r: 1 } : {}), at: Date.now() })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function decodeNotice(value: string | undefined, maxAgeMs = 10 * 60_000): Notice | null {
  if (!value || value.length > 2000) return null;
  const [payload, signature] = value.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: string; m: string; r?: number; at: number };
    if (Date.now() - data.at > maxAgeMs) return null;
    return { tone: data.t === 'success' ? 'success' : 'error', message: String(data.m), ...(data.r === 1 ? { saysRetry: true } : {}) };
  } catch {
    return null;
  }
}
