import { currentZoneName } from './time-zone-names';

/**
 * The time zones a practice may choose, UTC first: every zone this server's Intl knows, under
 * its current IANA name (time-zone-names.ts currentZoneName: "Asia/Kolkata", not ICU's
 * "Asia/Calcutta"), which is also what the forms validate against (lib/validation/member.ts).
 * Sign-up and the setup wizard offer the same list, so a practice can pick its zone at either.
 * Rendered on the server and passed to the forms as a prop: the browser's Intl may list other names.
 */
export const TIME_ZONES: readonly string[] = ['UTC', ...[...new Set(Intl.supportedValuesOf('timeZone').map(listedName))].filter((zone) => zone !== 'UTC').sort()];

/** The current name, unless this Intl does not know it (every one does on Node 20): then the old one, so no zone is lost. */
function listedName(zone: string): string {
  const current = currentZoneName(zone);
  return isZoneIntlKnows(current) ? current : zone;
}

function isZoneIntlKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a zone may be chosen, under its current name or an old one. */
export function isChoosableZone(zone: string): boolean {
  return TIME_ZONES.includes(currentZoneName(zone));
}
