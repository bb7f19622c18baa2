import { describe, expect, test } from 'vitest';
import { appId } from '@/db/schema';
import { CAPABILITIES } from '@/lib/sync/rules';
import { APP_LABEL } from '@/lib/sync/canonical-client';
import { appLabel as providerAppLabel } from '@/lib/providers/errors';
import { APP_IDS, APPS, appLabel, appShortLabel, appShortLabelWithArticle, isAppId } from './registry';
import { appIdSchema } from './schema';

describe('the app registry', () => {
  test("is the database enum's one source: the same ids, in the same order", () => {
    expect(appId.enumValues).toEqual([...APP_IDS]);
  });

  test('has one entry per id, keyed by it, in id order', () => {
    expect(Object.keys(APPS)).toEqual([...APP_IDS]);
    for (const id of APP_IDS) expect(APPS[id].id).toBe(id);
  });

  test('feeds the sync rules, the labels and the zod enums', () => {
    expect(CAPABILITIES).toBe(APPS);
    for (const id of APP_IDS) {
      expect(APP_LABEL[id]).toBe(appShortLabel(id));
      expect(providerAppLabel(id)).toBe(appLabel(id));
      expect(appIdSchema().safeParse(id).success).toBe(true);
    }
    expect(appIdSchema('Unknown app.').safeParse('quickbooks')).toMatchObject({ success: false, error: { issues: [{ message: 'Unknown app.' }] } });
  });

  test('keeps the names people see today', () => {
    expect(APP_IDS.map((id) => [appLabel(id), appShortLabel(id)])).toEqual([
      ['Xero Practice Manager', 'XPM'],
      ['Gusto', 'Gusto'],
    ]);
  });

  test('says each short name after the article it takes: "an XPM" (said "ex"), "a Gusto"', () => {
    expect(APP_IDS.map(appShortLabelWithArticle)).toEqual(['an XPM', 'a Gusto']);
  });

  test.each([
    ['xpm', true],
    ['gusto', true],
    ['quickbooks', false],
    ['toString', false],
    ['', false],
    [null, false],
  ])('isAppId(%j) is %s', (value, expected) => {
    expect(isAppId(value)).toBe(expected);
  });
});
