/**
 * What the browser needs to show a time-zone list: the default and how a zone reads. The list
 * itself is the server's (lib/time-zones.ts), handed to the form, so it is not rebuilt here.
 */

/** The zone a new practice starts with, unless the person picks another at sign-up. */
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';

/** How a zone reads in a list: "America/Los_Angeles" → "America/Los Angeles". */
export const zoneLabel = (zone: string) => zone.replaceAll('_', ' ');
