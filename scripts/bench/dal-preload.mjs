/**
 * Preloaded by `npm run bench:dashboard`, which calls the DAL directly (no Next server): the
 * DAL's session module imports `next/navigation` for `redirect`, whose client-side half needs
 * React's client build, absent under the react-server condition the server-only modules need.
 * The benchmark never redirects, so `next/navigation` resolves to a stub here.
 */
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === 'next/navigation') return { url: ${JSON.stringify(new URL('./next-navigation-stub.mjs', import.meta.url).href)}, shortCircuit: true };
      return next(specifier, context);
    }`)}`,
);
