/**
 * The headers every response carries whatever serves it: next.config.mjs sends them with each
 * of Next's answers, and the client search answered before Next
 * (lib/http/client-search-fast-path.ts) sends the same, so neither can drift from the other.
 *
 * Plain JavaScript without imports on purpose: `next start` loads next.config.mjs as it is,
 * while a TypeScript config, and every TypeScript file it imports, is compiled by SWC at each
 * start (about a third of a second of the cold start; README "Performance").
 */

/** Nothing here uses these browser features. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

export const FIXED_SECURITY_HEADERS = Object.freeze({
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
});
