import { describe, expect, test } from 'vitest';
import { clientAddress } from './client-address';

const from = (xff: string | null) => clientAddress(new Headers(xff === null ? {} : { 'x-forwarded-for': xff }));

describe('clientAddress', () => {
  test.each([
    ['no header', null, 'unknown'],
    ['an empty header', ' , ', 'unknown'],
    ['the address next start set from the socket', '127.0.0.1', '127.0.0.1'],
    ['a client-written entry before the proxy-appended one', '10.9.9.9, 203.0.113.5', '203.0.113.5'],
    ['spaces and an IPv4 port', ' 198.51.100.7:51234 ', '198.51.100.7'],
    ['IPv4-mapped IPv6', '::ffff:192.0.2.4', '192.0.2.4'],
    ['an IPv6 address, grouped by its /64', '2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['another address in the same /64', '2001:0db8:00aa:00bb::ffff', '2001:db8:aa:bb::/64'],
    ['a bracketed IPv6 address with a port', '[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['IPv6 loopback', '::1', '0:0:0:0::/64'],
  ])('%s → %s', (_label, header, expected) => {
    expect(from(header)).toBe(expected);
  });

  test('a huge forged value is cut to a bounded key', () => {
    expect(from('x'.repeat(5000)).length).toBeLessThanOrEqual(64);
  });
});
