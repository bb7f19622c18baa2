import { describe, expect, test } from 'vitest';
import { ProviderError, registerSecret, scrubSecrets } from './errors';

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
