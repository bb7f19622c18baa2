import { describe, expect, test } from 'vitest';
import { connectNoticeText } from './connect-notice';

const DECLINED = 'Access to XPM was declined, so nothing was connected. To connect it, choose Connect XPM again, then Allow.';
const NO_HINT = 'XPM did not complete the connection (server_error). Nothing was connected.';

describe('connectNoticeText', () => {
  test.each([
    ['success, nothing added', { tone: 'success', message: 'XPM is connected.' }, false, 'XPM is connected.'],
    ['success with an app connected, nothing added', { tone: 'success', message: 'XPM is connected.' }, true, 'XPM is connected.'],
    ['declined: its own retry, once', { tone: 'error', message: DECLINED, saysRetry: true }, false, DECLINED],
    ['declined with an app connected: and the way on', { tone: 'error', message: DECLINED, saysRetry: true }, true, `${DECLINED} Or continue without it.`],
    ['an error without a retry: the step’s', { tone: 'error', message: NO_HINT }, false, `${NO_HINT} Try again below.`],
    ['an error without a retry, an app connected', { tone: 'error', message: NO_HINT }, true, `${NO_HINT} Try again below, or continue without it.`],
  ] as const)('%s', (_name, notice, hasConnections, expected) => {
    const text = connectNoticeText(notice, hasConnections);
    expect(text).toBe(expected);
    // Whatever the case, a retry is offered at most once.
    expect(text.match(/again/gi)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});
