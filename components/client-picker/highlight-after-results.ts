/**
 * Which option the picker highlights when new results arrive (the option Enter picks).
 *
 * Normally the best match, so typing a name and pressing Enter picks it. But once the
 * author has moved the highlight with the arrow keys, that choice is theirs: results that
 * answer late (a slow network) must not move it back to the best match — Enter would then
 * pick an existing client where the author chose "Create new client". Their choice is
 * kept for as long as it is still listed; gone from the new results, the best match wins.
 */
export function highlightAfterResults({
  current,
  chosenWithArrows,
  best,
  listed,
}: {
  current: string;
  chosenWithArrows: boolean;
  best: string;
  listed: readonly string[];
}): string {
  if (chosenWithArrows && current !== '' && listed.includes(current)) return current;
  return best;
}
