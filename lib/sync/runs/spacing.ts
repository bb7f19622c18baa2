/**
 * Whether two values differ only in their spaces ("Pacific Engineering  Inc." and "Pacific
 * Engineering Inc."). A page collapses runs of spaces, so such a change reads as a value
 * replaced by itself; the change tables say so in words (field-changes-table.tsx).
 */
export function differsOnlyInSpacing(before: string | null, after: string | null): boolean {
  if (before === null || after === null || before === after) return false;
  return squash(before) === squash(after);
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
