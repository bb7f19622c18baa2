import localFont from 'next/font/local';

/**
 * The app's one typeface, Inter (SIL Open Font License, from the @fontsource-variable/inter
 * package), served by the app itself: one variable file for every weight, Latin only (other
 * characters fall back to the system's fonts, glyph by glyph).
 *
 * Why not the system's sans-serif, as before: on Linux, Chromium resolves a system font for
 * each size and weight on the page through fontconfig, with a synchronous call to its browser
 * process for each, during the page's first layout. On this project's machine kind that was
 * 27 lookups and 80–330 ms of the main thread per page load, in a trace; with a font of our own
 * there are none. It is also the same type on every platform.
 *
 * `optional`: preloaded with every page (next/font asks React, which sends it as a `Link`
 * response header, before the HTML), it is almost always there for the first paint; when it is
 * not, the page keeps the fallback for that visit rather than reflowing when the font arrives
 * (no layout shift), and the next page has it cached.
 */
export const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  style: 'normal',
  display: 'optional',
  variable: '--font-inter',
});
