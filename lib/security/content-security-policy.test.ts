import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, createNonce, dataOnlySecurityHeaders, securityHeaders, STRICT_TRANSPORT_SECURITY } from './content-security-policy';

const base = { nonce: 'bm9uY2U=', formActionOrigins: ['http://127.0.0.1:4010'], https: false, development: false };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ');
      return [name, values];
    }),
  );
}

describe('the Content-Security-Policy', () => {
  test('scripts need this request’s nonce; nothing inline or evaluated without it', () => {
    const script = directives(contentSecurityPolicy(base)).get('script-src');
    expect(script).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  test.each([
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['default-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['form-action', ["'self'", 'http://127.0.0.1:4010']],
  ])('%s is %j', (name, values) => {
    expect(directives(contentSecurityPolicy(base)).get(name)).toEqual(values);
  });

  test('form-action names every OAuth origin it is given', () => {
    const policy = contentSecurityPolicy({ ...base, formActionOrigins: ['https://login.xero.com', 'https://api.gusto.com'] });
    expect(directives(policy).get('form-action')).toEqual(["'self'", 'https://login.xero.com', 'https://api.gusto.com']);
  });

  test('eval only under next dev; upgrade-insecure-requests only over HTTPS', () => {
    expect(contentSecurityPolicy(base)).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy(base)).has('upgrade-insecure-requests')).toBe(false);
    expect(directives(contentSecurityPolicy({ ...base, https: true })).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('security headers', () => {
  test('HSTS only when the app is served over HTTPS', () => {
    expect(securityHeaders(base)).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders({ ...base, https: true })).toHaveProperty('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    expect(securityHeaders(base)['Content-Security-Policy']).toBe(contentSecurityPolicy(base));
  });

  test('nonces are 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('the data-only security headers (JSON routes the proxy skips)', () => {
  test('allow nothing to load, run, frame or post, with no nonce to mint', () => {
    const headers = dataOnlySecurityHeaders({ https: false });
    expect(directives(headers['Content-Security-Policy']!)).toEqual(
      new Map([
        ['default-src', ["'none'"]],
        ['frame-ancestors', ["'none'"]],
        ['base-uri', ["'none'"]],
        ['form-action', ["'none'"]],
      ]),
    );
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  test('HSTS over HTTPS, as on pages', () => {
    expect(dataOnlySecurityHeaders({ https: true })['Strict-Transport-Security']).toBe(STRICT_TRANSPORT_SECURITY);
  });
});
