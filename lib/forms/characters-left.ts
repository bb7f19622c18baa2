/** How close to its limit a hint starts counting: before that it would only be noise. */
export const COUNT_FROM_REMAINING = 40;

/**
 * "12 characters left" near a text limit, and "8 characters over the limit of 200" past it,
 * so the limit is known while typing rather than only when saving refuses it. Nothing is
 * cut off (pasted text stays whole); the count is measured as the server will, trimmed.
 */
export function charactersLeftHint(value: string, max: number): string | undefined {
  const left = max - value.trim().length;
  if (left > COUNT_FROM_REMAINING) return undefined;
  if (left >= 0) return left === 1 ? '1 character left' : `${left} characters left`;
  return `${-left} ${left === -1 ? 'character' : 'characters'} over the limit of ${max}`;
}
