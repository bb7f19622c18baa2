/**
 * The Sync section's heading: where focus goes after Link to…, Unlink or Relink (handFocusTo),
 * as the button pressed is gone or the section changed under it. Its own module, so the
 * section's client buttons can name it without loading the (server-rendered) section.
 */
export const SYNC_HEADING_ID = 'client-sync-title';
