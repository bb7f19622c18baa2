/**
 * A message that survives one navigation: creating a proposal moves from /proposals/new to
 * the proposal's own page, a different route whose editor starts afresh, and the author
 * must still read what saving did (e.g. "Created the client … from XPM").
 *
 * It is kept for a short while rather than removed on first read: React may mount the
 * arriving editor more than once (a refresh racing the navigation), and each mount must
 * still find it. A message older than FLASH_TTL_MS is stale and never shown.
 */
export const FLASH_TTL_MS = 15_000;

const key = (proposalId: string) => `proposal-flash:${proposalId}`;

export function setFlash(proposalId: string, text: string, now = Date.now()): void {
  try {
    sessionStorage.setItem(key(proposalId), JSON.stringify({ text, at: now }));
  } catch {
    // storage unavailable (private mode quotas): the message is simply not carried over
  }
}

/** The message for this proposal if it was set within FLASH_TTL_MS; reading does not remove it. */
export function peekFlash(proposalId: string, now = Date.now()): string | null {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(key(proposalId)) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return null;
    const { text, at } = stored as { text?: unknown; at?: unknown };
    if (typeof text !== 'string' || typeof at !== 'number' || now - at > FLASH_TTL_MS || now < at) return null;
    return text;
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
