'use client';

import { useEffect } from 'react';

/**
 * After Link to…, Unlink or Relink the button pressed is gone (the section changed under
 * it), so keyboard focus would fall to the page body. The control asks for focus on the
 * section's heading before it navigates; the section, re-rendered with the change, gives it
 * (where the next Tab reaches the changed link). The notice itself is announced.
 * Browser-only state: one page, one pending request.
 */
/** The Sync section's heading: where focus goes after a link change. */
export const SYNC_HEADING_ID = 'client-sync-title';

let pendingFocusId: string | null = null;

export function focusAfterLinkChange(targetId: string = SYNC_HEADING_ID) {
  pendingFocusId = targetId;
}

export function FocusAfterLinkChange() {
  // Every render: the section re-renders once the navigation with the change has landed.
  useEffect(() => {
    const target = pendingFocusId ? document.getElementById(pendingFocusId) : null;
    if (!target) return;
    pendingFocusId = null;
    target.focus();
  });
  return null;
}
