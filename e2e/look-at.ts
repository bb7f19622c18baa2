import { expect, type Page } from '@playwright/test';

const SHOTS = process.env.E2E_SCREENSHOTS_DIR;

/**
 * The page at 1280 and 390 px: at the phone width it must not scroll sideways. With
 * E2E_SCREENSHOTS_DIR set, each width is also saved there as `<name>-<width>.png` for a person
 * to look at. Leaves the page at 1280 px.
 */
export async function lookAt(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} at ${width} px is ${scrollWidth} px wide`).toBeLessThanOrEqual(width);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
