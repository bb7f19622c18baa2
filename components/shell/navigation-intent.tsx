'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Whether the person has started leaving the address they are on: a click on a link to
 * another page of the app, or a form submitted, since the address arrived.
 *
 * Why: ArrivalNotice takes its parameters out of the address with history.replaceState,
 * which Next's router turns into a "restore" of the current page, and a restore discards a
 * navigation still in flight. A page's content can show (and ArrivalNotice run) after the
 * address has changed: the router commits the address with the page's loading skeleton and
 * streams the content in later. A person (or a test) who clicks a link in between lost that
 * click: the app stayed on the page (members e2e, 2026-12-05; reproduced under load 10 times
 * in 30). So ArrivalNotice asks here first, and leaves the address alone when the person is
 * already on their way elsewhere.
 *
 * An intent ends when the address changes (the navigation arrived), or after a minute (one
 * that never did: a link whose click a guard cancelled, a refused submit). Navigations the
 * app starts itself (router.push) and Back/Forward are not recorded: they are not clicks made
 * while a page's content is still on its way.
 */
const INTENT = Symbol.for('practiceSync.navigationIntent');
/** Past this, a recorded intent is taken to have ended without its navigation arriving. */
const FRESH_MS = 60_000;

interface NavigationIntent {
  /** The address the person was on when they clicked or submitted. */
  from: string;
  at: number;
}

// On globalThis under a Symbol.for key, not in module state: Next may load one module twice (STYLE.md).
const store = globalThis as typeof globalThis & { [INTENT]?: NavigationIntent };

function isInAppLinkClick(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  const url = new URL(anchor.href, window.location.href);
  // Another page of this app: a jump within the page (#main) or to this same address moves nothing.
  return url.origin === window.location.origin && url.pathname + url.search !== window.location.pathname + window.location.search;
}

/** Mounted once in the app's layout, so it listens before any page's content shows. */
export function NavigationIntentTracker() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  // The address changed: whatever was on its way has arrived (or another navigation won).
  // This runs after the new page's own effects, which compare the intent's address with
  // theirs and so never take an intent from the page before as their own.
  useEffect(() => {
    delete store[INTENT];
  }, [pathname, search]);

  useEffect(() => {
    const record = () => {
      store[INTENT] = { from: window.location.href, at: performance.now() };
    };
    const onClick = (event: MouseEvent) => {
      if (isInAppLinkClick(event)) record();
    };
    // Capture phase: recorded before the link's own handler starts the navigation.
    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', record, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('submit', record, true);
    };
  }, []);
  return null;
}

/** True when the person clicked away or submitted a form on this very address, and it has not arrived yet. */
export function isLeavingThisAddress(): boolean {
  const intent = store[INTENT];
  return intent !== undefined && intent.from === window.location.href && performance.now() - intent.at < FRESH_MS;
}
