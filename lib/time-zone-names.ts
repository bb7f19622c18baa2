/**
 * What the browser needs to show a time-zone list: the default and how a zone reads. The list
 * itself is the server's (lib/time-zones.ts), handed to the form, so it is not rebuilt here.
 */

/** The zone a new practice starts with, unless the person picks another at sign-up. */
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';

/** How a zone reads in a list: "America/Los_Angeles" → "America/Los Angeles". */
export const zoneLabel = (zone: string) => zone.replaceAll('_', ' ');

/**
 * IANA's current names for zones ICU (Node's and Chromium's Intl) still lists, or reports as the
 * browser's, under their old ones: a trial looked for Kolkata, Kyiv and Ho Chi Minh and found
 * Calcutta, Kiev and Saigon. Both names are the same zone to Intl; the current one is shown and
 * stored, and an old one (a practice that chose it before, a browser that reports it) reads as it.
 */
const CURRENT_ZONE_NAME: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** "Asia/Calcutta" → "Asia/Kolkata"; any other zone as it is. */
export const currentZoneName = (zone: string): string => CURRENT_ZONE_NAME[zone] ?? zone;
