import { expect, test, vi } from 'vitest';
import { isSecretError, SecretError } from './errors';

// The token store recognises a sealing failure to fail closed ("reconnect"); it must do so
// whichever bundle's copy of the crypto module threw it.
test('a SecretError from another copy of the module is recognised', async () => {
  vi.resetModules();
  const copy = await import('./errors');
  expect(copy.SecretError).not.toBe(SecretError);
  const foreign = new copy.SecretError('decrypt_failed', 'could not open');
  expect(foreign instanceof SecretError).toBe(false);
  expect(isSecretError(foreign)).toBe(true);
});

test.each([
  ['a SecretError', new SecretError('unknown_key_version', 'x'), true],
  ['a branded plain object', { [Symbol.for('practice-sync.secret-error')]: true, code: 'malformed' }, true],
  ['an Error named SecretError without the brand', Object.assign(new Error('x'), { name: 'SecretError', code: 'malformed' }), false],
  ['a branded object with an unknown code', { [Symbol.for('practice-sync.secret-error')]: true, code: 'other' }, false],
  ['undefined', undefined, false],
])('%s → %s', (_name, value, expected) => {
  expect(isSecretError(value)).toBe(expected);
});
