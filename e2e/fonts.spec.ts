import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

/**
 * Every page draws its text in the app's own font (app/font.ts), preloaded with the page,
 * not in a system font: on Linux, Chromium looks each system font size and weight up through
 * fontconfig with a synchronous call to its browser process during the first layout, 80–330 ms
 * of the main thread per page load on this project's machine kind (README "Performance").
 * Chromium itself reports which fonts it drew each element's text with (DevTools'
 * "Rendered fonts": CSS.getPlatformFontsForNode).
 */
test.use({ storageState: ADMIN_STATE });

const PAGES = ['/dashboard', '/clients', '/proposals/new', '/integrations'];

/** What Chromium drew the text directly inside each element matching `selector` with: family and whether it was a web font. */
async function renderedFonts(page: Page, cdp: CDPSession, selector: string) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  expect(nodeIds.length, `${page.url()}: nothing matches ${selector}`).toBeGreaterThan(0);
  const fonts = new Set<string>();
  for (const nodeId of nodeIds) {
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const font of used) {
      // A system font names the element's text, so a failure says what was drawn with it.
      const where = font.isCustomFont ? '' : ` for ${JSON.stringify(await textOf(cdp, nodeId))}`;
      fonts.add(`${font.familyName}${font.isCustomFont ? ' (web font)' : ` (system)${where}`}`);
    }
  }
  return [...fonts];
}

async function textOf(cdp: CDPSession, nodeId: number): Promise<string> {
  const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
  return outerHTML.replace(/<[^>]+>/g, '').slice(0, 80);
}

async function expectOwnFontEverywhere(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  // Headings, body text, labels, buttons and links: text in every size and weight the pages use.
  const fonts = await renderedFonts(page, cdp, 'h1, h2, p, label, button, a, td, th, dt, dd');
  expect(fonts, page.url()).toEqual(['Inter (web font)']);
  await cdp.detach();
}

test('every page has the font preloaded (a Link header, before its HTML) and served for a year, unchanged', async ({ page }) => {
  for (const path of ['/sign-in', ...PAGES]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    // React sends a font preload as a Link header when it can, so the browser asks for the font while the HTML is still on its way.
    const preload = /<([^>]+\.woff2)>; rel=preload; as="font"/.exec(response.headers()['link'] ?? '');
    expect(preload, `${path} preloads the font`).not.toBeNull();
    const font = await page.request.get(preload![1]!);
    expect(font.status()).toBe(200);
    expect(font.headers()['content-type']).toBe('font/woff2');
    expect(font.headers()['cache-control']).toContain('immutable');
  }
});

test('signed-out /sign-in draws every text in the app font', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await expectOwnFontEverywhere(page);
  await context.close();
});

test('the signed-in pages draw every text in the app font', async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await expectOwnFontEverywhere(page);
  }
});
