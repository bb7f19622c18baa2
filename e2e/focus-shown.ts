import { expect, type Locator } from '@playwright/test';

/**
 * Focus that a sighted keyboard user can see, not only a screen reader: the element has it,
 * matches :focus-visible (focus given by script shows a ring only when the browser judges it
 * keyboard focus), and is outlined as the app outlines focus (app/globals.css).
 */
export async function expectFocusShown(locator: Locator) {
  await expect(locator).toBeFocused();
  expect(await locator.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  await expect(locator).toHaveCSS('outline-style', 'solid');
  await expect(locator).toHaveCSS('outline-width', '2px');
}
