import { describe, expect, test } from 'vitest';
import { emailDomain, isFreeMailDomain, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  test.each([
    ['Jane@Harbour.com.au', 'jane@harbour.com.au'],
    ['  jane@harbour.com.au ', 'jane@harbour.com.au'],
    ['mailto:jane@harbour.com.au', 'jane@harbour.com.au'],
    ['not-an-email', null],
    ['jane@localhost', null],
    ['two words@x.com', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe('emailDomain', () => {
  test.each([
    ['jane@harbourdental.com.au', 'harbourdental.com.au'],
    ['JANE@HarbourDental.COM.AU', 'harbourdental.com.au'],
    ['accounts@smith-sons.co.nz', 'smith-sons.co.nz'],
    // free mail says nothing about which business it is
    ['jane@gmail.com', null],
    ['jane@outlook.com', null],
    ['jane@hotmail.com', null],
    ['jane@yahoo.com', null],
    ['jane@icloud.com', null],
    ['jane@bigpond.com', null],
    ['jane@bigpond.net.au', null],
    ['jane@optusnet.com.au', null],
    ['jane@yahoo.co.jp', null], // a provider's country domains
    ['jane@hotmail.de', null],
    ['jane@xtra.co.nz', null],
    // not an address
    ['harbourdental.com.au', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(emailDomain(input)).toBe(expected);
  });

  test.each([
    ['gmail.com', true],
    ['GMAIL.COM', true],
    ['outlook.com.au', true],
    ['gmailer.com', false],
    ['mygmail.com', false],
    ['harbourdental.com.au', false],
  ])('isFreeMailDomain(%j) = %s', (domain, expected) => {
    expect(isFreeMailDomain(domain)).toBe(expected);
  });
});
