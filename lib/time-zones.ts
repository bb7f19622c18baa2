/**
 * The time zones a practice may choose, UTC first: every zone this server's Intl knows, which
 * is also what the forms validate against (lib/validation/member.ts). Sign-up and the setup
 * wizard offer the same list, so a practice can pick its zone at either. Rendered on the
 * server and passed to the forms as a prop: the browser's Intl may list other names.
 */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
