/**
 * The time zones a practice may choose, UTC first: every zone this server's Intl knows, which
 * is also what the forms validate against (lib/validation/member.ts). Sign-up and the setup
 * wizard offer the same list, so a practice can pick its zone at either.
 */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

/** The zone a new practice starts with when the browser's is unknown or not in the list. */
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';

/** How a zone reads in a list: "America/Los_Angeles" → "America/Los Angeles". */
export const zoneLabel = (zone: string) => zone.replaceAll('_', ' ');
