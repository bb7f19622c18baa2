import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which forwarding headers a request may keep before Next reads them, given how many
 * reverse proxies stand in front of the app (TRUSTED_PROXY_HOPS).
 *
 * Bare `next start` keeps an `X-Forwarded-For` the client wrote (it fills the header from
 * the socket only when absent), so a client could pick its own rate-limit bucket per
 * request, and an `X-Forwarded-Host` it wrote satisfied Next's server-action Origin check.
 * So, before Next sees the request:
 * - 0 hops (the default: nothing in front): every `X-Forwarded-*` header is the client's
 *   own invention. They are dropped and `X-Forwarded-For` becomes the socket's address.
 * - N hops: the last N proxies each appended the address they saw; the entry N from the
 *   end is the client as the outermost trusted proxy saw it, and the only one kept.
 *   Host and proto are the proxies' to set.
 * lib/auth/client-address.ts then reads the one remaining entry.
 */
export function trustedForwardedFor(header: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string | undefined {
  if (trustedHops <= 0) return socketAddress;
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted proxies: the request did not come through them all.
  return entries.length >= trustedHops ? entries[entries.length - trustedHops] : socketAddress;
}

const CLIENT_WRITTEN_WITHOUT_A_PROXY = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'] as const;

/** Rewrites the request's headers in place (see above). */
export function applyTrustedForwarding(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustedHops: number): void {
  const address = trustedForwardedFor(headers['x-forwarded-for'], socketAddress, trustedHops);
  if (address) headers['x-forwarded-for'] = address;
  else delete headers['x-forwarded-for'];
  if (trustedHops <= 0) for (const name of CLIENT_WRITTEN_WITHOUT_A_PROXY) delete headers[name];
}
