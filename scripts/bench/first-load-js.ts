import { gzipSync } from 'node:zlib';

/**
 * First-load JavaScript of a page, as Next counts it: every script the server-rendered
 * HTML loads or preloads (the framework, the shared chunks and the route's own), gzipped.
 * Code the page imports later (the picker's search list, loaded after hydration) is not
 * first-load and is not in the HTML; nor is the `noModule` polyfill bundle, which only
 * browsers without ES modules download.
 */
export async function firstLoadJs(base: string, pathname: string, cookie: string): Promise<{ files: number; gzipBytes: number; largest: { file: string; gzipBytes: number }[] }> {
  const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: 'manual' });
  if (response.status !== 200) throw new Error(`${pathname} answered HTTP ${response.status}`);
  const html = await response.text();
  const sources = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const isScript = tag.startsWith('<script');
    const isScriptPreload = /\brel="(preload|modulepreload)"/.test(tag) && (/\bas="script"/.test(tag) || tag.includes('modulepreload'));
    const url = (isScript ? /\bsrc="([^"]+)"/ : /\bhref="([^"]+)"/).exec(tag)?.[1];
    if (url && (isScript || isScriptPreload) && url.endsWith('.js')) sources.add(url.replaceAll('&amp;', '&'));
  }
  const sizes = await Promise.all(
    [...sources].map(async (file) => {
      const body = Buffer.from(await (await fetch(new URL(file, base))).arrayBuffer());
      return { file, gzipBytes: gzipSync(body).length };
    }),
  );
  sizes.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { files: sizes.length, gzipBytes: sizes.reduce((n, s) => n + s.gzipBytes, 0), largest: sizes.slice(0, 3) };
}
