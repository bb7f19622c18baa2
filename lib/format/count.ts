/**
 * "1 admin", "2 admins", "2,360 clients": a number with its noun in the right form and with
 * thousands separators, so no page says "1 admin(s)" or "2360 clients". English only, like
 * the rest of the interface; irregular plurals are passed in.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 2,360. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
