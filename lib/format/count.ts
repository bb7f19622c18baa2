/**
 * "1 admin", "2 admins", "2,360 clients": a number with its noun in the right form and with
 * thousands separators, so no page says "1 admin(s)" or "2360 clients". English only, like
 * the rest of the interface; irregular plurals are passed in.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

// Made on first use, not when the module loads: the first Intl format in a browser tab costs
// about 200 ms of main thread on a throttled phone, which a page that never formats a count
// (or formats it on the server) should not pay while it hydrates.
let count: Intl.NumberFormat | undefined;

/** A whole number with thousands separators: 2,360. */
export function formatCount(n: number): string {
  count ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return count.format(n);
}
