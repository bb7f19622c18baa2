import { expect, test } from 'vitest';
import { GROUP_HEADING, SOURCE_LABEL } from './source-badges';

test("the picker's badges and group headings take the apps' names from the registry and say what they said before", () => {
  expect(SOURCE_LABEL).toEqual({ practice: 'Practice Sync', xpm: 'XPM', gusto: 'Gusto' });
  expect(GROUP_HEADING).toEqual({ practice: 'Practice Sync clients', xpm: 'XPM clients', gusto: 'Gusto companies' });
});
