/**
 * A message that survives one navigation: creating a proposal moves from /proposals/new to
 * the proposal's own page, a different route whose editor starts afresh, and the author
 * must still read what saving did (e.g. "Created the client … from XPM").
 */
const key = (proposalId: string) => `proposal-flash:${proposalId}`;

export function setFlash(proposalId: string, text: string): void {
  try {
    sessionStorage.setItem(key(proposalId), text);
  } catch {
    // storage unavailable (private mode quotas): the message is simply not carried over
  }
}

/** Reads without removing: render must stay pure (React may call it twice); clear it in an effect. */
export function peekFlash(proposalId: string): string | null {
  try {
    return sessionStorage.getItem(key(proposalId));
  } catch {
    return null;
  }
}

export function clearFlash(proposalId: string): void {
  try {
    sessionStorage.removeItem(key(proposalId));
  } catch {
    // nothing to clear
  }
}
