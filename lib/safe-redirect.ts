/**
 * Where to send someone after sign-in, given the `callbackUrl` they arrived with. Only a
 * path on this app is accepted; anything else goes to the fallback (the dashboard).
 *
 * Prefix checks on the raw text are not enough: browsers strip tab, CR and LF from URLs,
 * so "/\t/evil.example" becomes the protocol-relative "//evil.example", and "/.//evil"
 * normalises to "//evil". So the value is parsed against a fixed origin, must still be on
 * that origin, and what is returned is the *parsed* path — exactly what was checked.
 * Control and whitespace characters are refused outright (in a Location header they also
 * made the sign-in action fail with a 500).
 */
const BASE = new URL('http://app.invalid');

// C0 and C1 controls, DEL, and every Unicode space (U+3000, NBSP, line separators…).
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\s]/u;

export function safeCallbackPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  // A backslash is a slash to the URL parser ("/\evil" is "//evil"): never part of a path we made.
  if (!value.startsWith('/') || value.includes('\\') || UNSAFE_CHARACTERS.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // After dot-segment removal a path may begin with "//" again, which a browser reads as a host.
  if (path.startsWith('//')) return fallback;
  if (isRefused(url.pathname)) return fallback;
  return path;
}

/** Sign-in, sign-up and API routes are never a place to land; encoded spellings count too. */
function isRefused(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true; // Malformed escapes: not a path this app links to.
  }
  return [pathname, decoded].some((p) => {
    const lower = p.toLowerCase();
    return lower.startsWith('/sign-in') || lower.startsWith('/sign-up') || lower === '/api' || lower.startsWith('/api/');
  });
}
