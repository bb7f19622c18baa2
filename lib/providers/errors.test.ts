import { describe, expect, test, vi } from 'vitest';
import { isProviderError, ProviderError, registerSecret, scrubSecrets } from './errors';

describe('ProviderError', () => {
  test.each([
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['Basic c2FuZGJveDpzZWNyZXQ=', 'Basic [redacted]'],
    ['{"access_token":"tok-123","scope":"x"}', '{"access_token":"[redacted]","scope":"x"}'],
    ['refresh_token=rt-9&grant_type=refresh_token', 'refresh_token=[redacted]&grant_type=refresh_token'],
    ['https://app/cb?code=abc123&state=s', 'https://app/cb?code=[redacted]&state=s'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'jwt [redacted]'],
    ['Status code: 500', 'Status code: 500'],
  ])('scrubs %s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  test('registered secrets never appear in message, JSON or stack', () => {
    const secret = 'opaque-secret-value-42';
    registerSecret(secret);
    const error = new ProviderError({ kind: 'validation', provider: 'gusto', message: `upstream said ${secret}`, code: secret });
    expect(error.message).toBe('upstream said [redacted]');
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'ProviderError', kind: 'validation', message: 'upstream said [redacted]', provider: 'gusto', code: '[redacted]' });
  });
});

/**
 * Next loads one module more than once in a server process (page, action and route bundles),
 * so errors and secrets must be recognised across copies of this module, never by identity.
 * `vi.resetModules()` gives a second, independent copy, as a second bundle would.
 */
describe('across copies of the module', () => {
  async function secondCopy() {
    vi.resetModules();
    const copy = await import('./errors');
    expect(copy.ProviderError).not.toBe(ProviderError); // really another copy
    return copy;
  }

  test('an error made by another copy is recognised, and instanceof would not have been', async () => {
    const copy = await secondCopy();
    const foreign = new copy.ProviderError({ kind: 'reauth_required', provider: 'xpm', message: 'Please reconnect Xero Practice Manager.' });
    expect(foreign instanceof ProviderError).toBe(false);
    expect(isProviderError(foreign)).toBe(true);
    expect(copy.isProviderError(new ProviderError({ kind: 'server', message: 'x' }))).toBe(true);
  });

  test.each([
    ['a branded plain object', { [Symbol.for('practice-sync.provider-error')]: true, kind: 'network', message: 'XPM could not be reached.' }, true],
    ['an Error named ProviderError without the brand', Object.assign(new Error('x'), { name: 'ProviderError', kind: 'server' }), false],
    ['a branded object with an unknown kind', { [Symbol.for('practice-sync.provider-error')]: true, kind: 'nonsense', message: 'x' }, false],
    ['a branded object without a message', { [Symbol.for('practice-sync.provider-error')]: true, kind: 'server' }, false],
    ['null', null, false],
    ['a string', 'ProviderError', false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isProviderError(value)).toBe(expected);
  });

  test('a secret registered through one copy is redacted by another', async () => {
    const copy = await secondCopy();
    const secret = 'registered-in-another-bundle-7f3a';
    copy.registerSecret(secret);
    expect(scrubSecrets(`upstream echoed ${secret}`)).toBe('upstream echoed [redacted]');
    expect(new ProviderError({ kind: 'validation', message: `said ${secret}` }).message).toBe('said [redacted]');
  });
});
