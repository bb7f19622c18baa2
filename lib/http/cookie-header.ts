/**
 * A request's `Cookie` header as name/value pairs, read exactly as Next's own
 * `request.cookies` reads it (`parseCookie` in next/dist/compiled/@edge-runtime/cookies):
 * pairs split on `;` and following spaces; the value after the first `=` percent-decoded; a
 * pair without `=` has the value "true"; a pair whose value does not decode is left out; of
 * two same-named cookies the later wins. For the client search served before Next
 * (lib/http/client-search-fast-path.ts), which must find the session cookie Next would.
 */
export function parseCookieHeader(header: string | undefined): { name: string; value: string }[] {
  const found = new Map<string, string>();
  for (const pair of header ? header.split(/; */) : []) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    if (at === -1) {
      found.set(pair, 'true');
      continue;
    }
    try {
      found.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // A stray '%': Next drops the pair too, so it is not ours either way.
    }
  }
  return [...found].map(([name, value]) => ({ name, value }));
}
