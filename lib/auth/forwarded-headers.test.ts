import { describe, expect, it } from 'vitest';
import { applyTrustedForwarding, trustedForwardedFor } from './forwarded-headers';

describe('trustedForwardedFor', () => {
  it.each([
    ['no proxy: a forged header is replaced by the socket', '198.51.100.9', 0, '127.0.0.1'],
    ['no proxy, no header', undefined, 0, '127.0.0.1'],
    ['one proxy: the entry it appended', '198.51.100.9, 203.0.113.5', 1, '203.0.113.5'],
    ['one proxy, the client wrote several', '1.1.1.1, 2.2.2.2, 203.0.113.5', 1, '203.0.113.5'],
    ['two proxies: the entry the outer one appended', '1.1.1.1, 203.0.113.5, 10.0.0.2', 2, '203.0.113.5'],
    ['fewer entries than proxies: the socket', '203.0.113.5', 2, '127.0.0.1'],
    ['one proxy but no header: the socket', undefined, 1, '127.0.0.1'],
    ['a repeated header (array)', ['1.1.1.1', '203.0.113.5'], 1, '203.0.113.5'],
  ] as const)('%s', (_name, header, hops, expected) => {
    expect(trustedForwardedFor(header as string | string[] | undefined, '127.0.0.1', hops)).toBe(expected);
  });
});

describe('applyTrustedForwarding', () => {
  it('with nothing in front, drops every forwarding header the client wrote', () => {
    const headers = { host: 'app.test', 'x-forwarded-for': '198.51.100.9', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' };
    applyTrustedForwarding(headers, '127.0.0.1', 0);
    expect(headers).toEqual({ host: 'app.test', 'x-forwarded-for': '127.0.0.1' });
  });

  it('behind a proxy, keeps its host and proto and the client entry it appended', () => {
    const headers = { host: 'app.test', 'x-forwarded-for': '1.1.1.1, 203.0.113.5', 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' };
    applyTrustedForwarding(headers, '10.0.0.2', 1);
    expect(headers).toEqual({ host: 'app.test', 'x-forwarded-for': '203.0.113.5', 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' });
  });
});
