/**
 * The address a request came from, for per-address rate limits. Only headers reach us
 * (Auth.js hands authorize() a Request rebuilt from them; server actions read headers()),
 * so this is the last entry of X-Forwarded-For:
 *
 * - Behind a reverse proxy or load balancer that appends the address it saw on its socket
 *   (nginx `$proxy_add_x_forwarded_for`, Caddy, AWS ALB, …) the last entry is that address,
 *   and whatever a client put before it is ignored. This is how production should run.
 * - Under bare `next start`, Next fills the header from the socket only when the request
 *   has none (`??=` in next/dist/server/base-server.js), so a client that sends its own
 *   can choose its bucket. The per-email sign-in limit does not depend on this, and the
 *   README says to run behind a proxy that appends.
 *
 * IPv6 addresses are grouped by their /64: one machine usually holds a whole /64, so one
 * address each would be no limit at all.
 */
export function clientAddress(headers: Pick<Headers, 'get'>): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const last = hops.at(-1);
  if (!last) return 'unknown';
  return normaliseAddress(last).slice(0, 64);
}

function normaliseAddress(raw: string): string {
  let address = raw.toLowerCase();
  // "[2001:db8::1]:443" or "203.0.113.5:443": a port, if a proxy added one, is not identity.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, "::" expanded; anything malformed is kept whole. */
function ipv6Groups(address: string): string[] {
  const withoutZone = address.split('%')[0]!;
  const [head, tail] = withoutZone.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
