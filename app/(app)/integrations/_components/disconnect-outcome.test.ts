import { describe, expect, test } from 'vitest';
import { disconnectOutcome } from './disconnect-outcome';

describe('what Disconnect says once it has answered', () => {
  test.each([
    ['xpm', { ok: true, wasSource: false }, 'success', 'Disconnected XPM. Clients and their links to XPM are kept.'],
    [
      'gusto',
      { ok: true, wasSource: true },
      'success',
      'Disconnected Gusto. Clients and their links to Gusto are kept. Gusto was your client source: no app sends client data here until you choose one.',
    ],
    ['xpm', { ok: false, formError: 'XPM is not connected.' }, 'error', 'XPM was not disconnected. XPM is not connected.'],
    ['gusto', { ok: false }, 'error', 'Gusto was not disconnected. Try again.'],
  ] as const)('%s, %o: %s', (app, result, tone, text) => {
    expect(disconnectOutcome(app, result)).toEqual({ tone, text });
  });
});
