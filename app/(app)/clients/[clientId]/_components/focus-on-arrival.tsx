'use client';

import { useEffect } from 'react';

/**
 * After Link to…, Unlink or Relink the button pressed is gone (the section changed under
 * it), so keyboard focus would fall to the page body: it goes to the section's heading
 * instead, where the next Tab reaches the changed link. The notice itself is announced.
 */
export function FocusOnArrival({ targetId }: { targetId: string }) {
  useEffect(() => {
    document.getElementById(targetId)?.focus();
  }, [targetId]);
  return null;
}
