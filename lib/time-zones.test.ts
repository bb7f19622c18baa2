import { describe, expect, test } from 'vitest';
import { currentZoneName } from './time-zone-names';
import { isChoosableZone, TIME_ZONES } from './time-zones';
import { signUpSchema } from './validation/member';

describe('the time zones a practice may choose', () => {
  test('are listed under their current names, UTC first, each once and in order', () => {
    expect(TIME_ZONES[0]).toBe('UTC');
    for (const current of ['Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Ho_Chi_Minh', 'Asia/Yangon', 'Europe/Kyiv', 'America/Nuuk', 'Pacific/Kanton'])
      expect(TIME_ZONES).toContain(current);
    for (const old of ['Asia/Calcutta', 'Asia/Katmandu', 'Asia/Saigon', 'Asia/Rangoon', 'Europe/Kiev', 'America/Godthab', 'Pacific/Enderbury'])
      expect(TIME_ZONES).not.toContain(old);
    const rest = TIME_ZONES.slice(1);
    expect(new Set(rest).size).toBe(rest.length);
    expect(rest).toEqual([...rest].sort());
    expect(TIME_ZONES).toContain('Australia/Sydney');
  });

  test('no zone Intl knows is lost: each is listed, under its current name or its own', () => {
    for (const zone of Intl.supportedValuesOf('timeZone'))
      expect(
        [zone, currentZoneName(zone)].some((name) => TIME_ZONES.includes(name)),
        zone,
      ).toBe(true);
  });

  test('an old name reads as its current one; any other zone as it is', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Australia/Sydney')).toBe('Australia/Sydney');
    expect(currentZoneName('Not/AZone')).toBe('Not/AZone');
  });

  test('the old and the current name are the same zone to Intl', () => {
    const at = new Date('2026-12-06T12:00:00Z');
    const hour = (timeZone: string) => new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(at);
    expect(hour('Asia/Kolkata')).toBe(hour('Asia/Calcutta'));
    expect(hour('Europe/Kyiv')).toBe(hour('Europe/Kiev'));
  });

  test('sign-up takes an old name and keeps the current one; it refuses a zone that is none', () => {
    const base = { practiceName: 'P', name: 'N', email: 'a@example.com', password: 'long enough password' };
    expect(isChoosableZone('Asia/Calcutta')).toBe(true);
    expect(signUpSchema.parse({ ...base, timezone: 'Asia/Calcutta' }).timezone).toBe('Asia/Kolkata');
    expect(signUpSchema.parse({ ...base, timezone: 'Asia/Kolkata' }).timezone).toBe('Asia/Kolkata');
    expect(signUpSchema.parse({ ...base, timezone: 'Australia/Sydney' }).timezone).toBe('Australia/Sydney');
    expect(signUpSchema.safeParse({ ...base, timezone: 'Mars/Olympus_Mons' }).error?.issues[0]?.message).toBe('Choose a time zone from the list.');
  });
});
