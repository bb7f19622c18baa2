import type { Notice } from '@/lib/integrations/notice';

/**
 * What the wizard's Connect step says when the admin is back from XPM's or Gusto's consent page.
 * An error says once how to try again: the message's own words where it has them ("declined…
 * choose Connect XPM again, then Allow"), else the step's "Try again below". A trial read both,
 * "Connect again… Try again below". With an app already connected, the admin may go on without
 * this one, and is told so.
 */
export function connectNoticeText(notice: Notice, hasConnections: boolean): string {
  if (notice.tone !== 'error') return notice.message;
  if (notice.saysRetry) return hasConnections ? `${notice.message} Or continue without it.` : notice.message;
  return `${notice.message} ${hasConnections ? 'Try again below, or continue without it.' : 'Try again below.'}`;
}
