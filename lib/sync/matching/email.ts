/**
 * Email comparison for duplicate detection. Two clients sharing an exact email address is
 * a strong hint; sharing a *business* domain (harbourdental.com.au) is a weaker one; but
 * sharing gmail.com or bigpond.com says nothing, so free-mail domains never count as a
 * domain match.
 */

/** Exact free-mail domains (consumer mailbox providers common in AU, NZ, US and UK). */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.com.au',
  'hotmail.com',
  'hotmail.com.au',
  'hotmail.co.uk',
  'hotmail.co.nz',
  'live.com',
  'live.com.au',
  'msn.com',
  'yahoo.com',
  'yahoo.com.au',
  'yahoo.co.uk',
  'yahoo.co.nz',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'bigpond.com',
  'bigpond.net.au',
  'bigpond.com.au',
  'optusnet.com.au',
  'iinet.net.au',
  'tpg.com.au',
  'internode.on.net',
  'westnet.com.au',
  'dodo.com.au',
  'xtra.co.nz',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'zoho.com',
  'fastmail.com',
  'fastmail.fm',
  'yandex.com',
  'hey.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
]);

/** Providers with a domain per country (yahoo.fr, hotmail.de, outlook.co.nz …). */
const FREE_MAIL_FAMILIES = /^(?:gmail|googlemail|hotmail|outlook|live|yahoo|ymail|aol|gmx|icloud)\.[a-z.]+$/;

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase();
  return FREE_MAIL_DOMAINS.has(d) || FREE_MAIL_FAMILIES.test(d);
}

/** Lowercased, trimmed address, or null when it is not plausibly an address. */
export function normalizeEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const e = email
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(e) ? e : null;
}

/**
 * The domain to use for a domain match, or null when there is none worth matching on: an
 * invalid address or a free-mail domain. Use normalizeEmail for exact-address matches.
 */
export function emailDomain(email: string | null | undefined): string | null {
  const e = normalizeEmail(email);
  if (!e) return null;
  const domain = e.slice(e.lastIndexOf('@') + 1).replace(/\.$/, '');
  return isFreeMailDomain(domain) ? null : domain;
}
