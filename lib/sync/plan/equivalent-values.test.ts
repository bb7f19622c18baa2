import { describe, expect, test } from 'vitest';
import { equivalentValues } from './equivalent-values';

describe('equivalentValues', () => {
  test.each([
    ['phone', '(718) 555-9524', '7185559524'],
    ['phone', '+61 2 9999 0000', '+61299990000'],
    ['taxNumber', '12-3456789', '123456789'],
    ['businessNumber', '51 824 753 556', '51824753556'],
    ['streetCountry', 'United States', 'USA'],
    ['postalCountry', 'US', 'united states of america'],
    ['streetCountry', 'Australia', 'AU'],
    ['streetCountry', 'UK', 'United Kingdom'],
    ['streetCountry', 'New Zealand', 'NZ'],
    ['businessStructure', 'C Corporation', 'C-Corporation'],
    ['businessStructure', 'Sole trader', 'sole  Trader'],
    ['streetPostcode', 'SW1A 1AA', 'sw1a1aa'],
    ['email', 'Ops@Example.com', 'ops@example.com'],
    ['website', 'https://www.example.com/', 'example.com'],
    ['name', 'Same', 'Same'],
  ] as const)('%s: “%s” and “%s” say the same', (field, a, b) => {
    expect(equivalentValues(field, a, b)).toBe(true);
    expect(equivalentValues(field, b, a)).toBe(true);
  });

  test.each([
    ['phone', '(718) 555-9524', '(718) 555-9525'],
    ['phone', '---', '()'], // no digits at all is not a phone number that matches
    ['taxNumber', '12-3456789', '12-3456780'],
    ['streetCountry', 'United States', 'Canada'],
    ['streetCountry', 'Austria', 'Australia'],
    ['businessStructure', 'C Corporation', 'S Corporation'],
    ['email', 'ops@example.com', 'ops@example.org'],
    ['website', 'example.com', 'example.com/about'],
    // Names and free text: a change of case or punctuation may be the correction itself.
    ['name', 'Bluegum Bakery', 'BLUEGUM BAKERY'],
    ['legalName', 'Bluegum Bakery Pty Ltd', 'Bluegum Bakery Pty. Ltd.'],
    ['streetLine1', '1 George St', '1 George Street'],
    ['streetCity', 'sydney', 'Sydney'],
  ] as const)('%s: “%s” and “%s” differ', (field, a, b) => {
    expect(equivalentValues(field, a, b)).toBe(false);
    expect(equivalentValues(field, b, a)).toBe(false);
  });
});
