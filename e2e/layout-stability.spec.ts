import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

/**
 * Pages whose content streams in after the first paint (components/shell/hydrate-apart.tsx)
 * keep their layout while it arrives. React sends a Suspense boundary of more than about 12 KB
 * of HTML after the page's shell — in the shell, a placeholder `<template id="B:n">` between
 * `<!--$?-->` and `<!--/$-->` — and reveals it up to 300 ms later. Whatever the shell has after
 * the placeholder is painted first and then pushed down: Lighthouse measured a layout shift
 * of 0.77 on /clients (desktop) from the pagination below the table, and from the scrollbar
 * arriving with the table and moving the centred page sideways.
 *
 * Whether a browser paints between the two depends on timing, so this checks the cause in the
 * HTML the server sends, and the scrollbar's room in the browser.
 */
test.use({ storageState: ADMIN_STATE });

/** The elements the shell has inside <main> after each streamed boundary's placeholder. */
function elementsAfterStreamedBoundaries(html: string): { boundaries: number; after: string[] } {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const placeholders = [...main.matchAll(/<!--\$\?--><template id="B:\d+"><\/template>/g)];
  const after = placeholders.flatMap((placeholder) => {
    const rest = main.slice(placeholder.index + placeholder[0].length);
    return [...rest.matchAll(/<([a-z][a-z0-9-]*)[\s>]/g)].map((tag) => tag[1]!);
  });
  return { boundaries: placeholders.length, after };
}

test("/clients: nothing in the page follows its streamed list, and the scrollbar's room is kept", async ({ page }) => {
  const response = await page.request.get('/clients');
  expect(response.status()).toBe(200);
  const { boundaries, after } = elementsAfterStreamedBoundaries(await response.text());
  // The demo practice's page of clients is streamed (if React ever stops, nothing can shift).
  expect(boundaries).toBeGreaterThan(0);
  expect(after).toEqual([]);

  await page.goto('/clients');
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollbarGutter)).toBe('stable');
});
