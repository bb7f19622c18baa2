/**
 * Back and Forward inside the app never fire beforeunload: the router renders the other
 * page on `popstate`. To ask before that, a listener must run before the router's, and on
 * `window` Chromium calls popstate listeners in the order they were added, capture or not.
 * So a tiny script in the root layout adds the first listener of all, before any bundle
 * runs (historyGuardBootstrap), and hands each event to whatever guard a page has set.
 * A guard returning false keeps the event from the router.
 */
export const HISTORY_GUARD_GLOBAL = '__practiceSyncHistoryGuard';

export type HistoryGuard = (event: PopStateEvent) => boolean;

/** The inline script's source (no imports: it runs before any module loads). */
export const historyGuardBootstrap = `window.addEventListener('popstate', function (event) {
  var guard = window[${JSON.stringify(HISTORY_GUARD_GLOBAL)}];
  if (typeof guard === 'function' && guard(event) === false) event.stopImmediatePropagation();
});`;

type GuardHost = Record<typeof HISTORY_GUARD_GLOBAL, HistoryGuard | undefined>;

/** Sets the page's guard; returns a function that removes it (only if it is still this one). */
export function setHistoryGuard(guard: HistoryGuard): () => void {
  const host = window as unknown as GuardHost;
  host[HISTORY_GUARD_GLOBAL] = guard;
  return () => {
    if (host[HISTORY_GUARD_GLOBAL] === guard) host[HISTORY_GUARD_GLOBAL] = undefined;
  };
}
