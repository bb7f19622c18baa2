import type { ClientColumns } from '../mapping/client-from-canonical';

/**
 * Whether two values of one client field say the same thing in different spellings, so a
 * sync leaves ours alone: "(718) 555-9524" and "7185559524", "United States" and "USA",
 * "C Corporation" and "C-Corporation". Overwriting those would show a change that is none,
 * churn every run's history, and replace the practice's formatting with the app's. Names and
 * free text are never "equivalent": a change of case there may be the correction.
 */
export function equivalentValues(field: keyof ClientColumns, a: string, b: string): boolean {
  if (a === b) return true;
  switch (field) {
    case 'phone':
      return digitsOf(a) !== '' && digitsOf(a) === digitsOf(b);
    case 'taxNumber':
    case 'businessNumber':
      return alphanumeric(a) !== '' && alphanumeric(a) === alphanumeric(b);
    case 'streetCountry':
    case 'postalCountry':
      return countryCode(a) === countryCode(b);
    case 'businessStructure':
    case 'streetPostcode':
    case 'postalPostcode':
      return alphanumeric(a) === alphanumeric(b);
    case 'email':
      return a.trim().toLowerCase() === b.trim().toLowerCase();
    case 'website':
      return bareWebsite(a) === bareWebsite(b);
    default:
      return false;
  }
}

const digitsOf = (value: string) => value.replace(/\D/g, '');
const alphanumeric = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const bareWebsite = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');

/** The spellings the apps and people use for the countries our practices work in. */
const COUNTRY_ALIASES: Record<string, string> = {
  us: 'US',
  usa: 'US',
  unitedstates: 'US',
  unitedstatesofamerica: 'US',
  au: 'AU',
  aus: 'AU',
  australia: 'AU',
  nz: 'NZ',
  nzl: 'NZ',
  newzealand: 'NZ',
  gb: 'GB',
  gbr: 'GB',
  uk: 'GB',
  unitedkingdom: 'GB',
  greatbritain: 'GB',
  ca: 'CA',
  can: 'CA',
  canada: 'CA',
};

/** An alias's code, or the spelling itself folded (an unknown country equals only itself). */
function countryCode(value: string): string {
  const key = alphanumeric(value);
  return COUNTRY_ALIASES[key] ?? key;
}
