'use client';

import { useState } from 'react';

/**
 * A live region's text that is heard again when the same words are said twice in a row
 * ("Contact 2 removed." after removing the second of three contacts, then the new second one):
 * a screen reader speaks a live region only when its text changes, so the repeat ends in a
 * non-breaking space, which changes the text and is not read out.
 */
export function nextAnnouncement(previous: string, message: string): string {
  return previous === message ? `${message}\u00a0` : message;
}

/** `[text, announce]`: put `text` in an aria-live region; `announce(message)` says `message`, again if it was the last thing said. */
export function useAnnouncement() {
  const [text, setText] = useState('');
  const announce = (message: string) => setText((previous) => nextAnnouncement(previous, message));
  return [text, announce] as const;
}
