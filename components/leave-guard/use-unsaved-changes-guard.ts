'use client';

import { useEffect } from 'react';
import { setHistoryGuard } from '@/components/leave-guard/history-guard';
import { LEAVES_PAGE_ATTRIBUTE } from '@/components/leave-guard/leaves-page';

/** How long after sending the browser back to the guarded page its popstate is expected. */
const RETURN_WINDOW_MS = 2_000;

/** The Navigation API, where the browser has it (Chromium does; it tells entries apart by key). */
type NavigationResult = { committed: Promise<unknown>; finished: Promise<unknown> };
type NavigationLike = { currentEntry: { key: string } | null; traverseTo(key: string): NavigationResult };
const navigationApi = (): NavigationLike | null => (window as { navigation?: NavigationLike }).navigation ?? null;

/**
 * No edit is lost by leaving. While `dirty`, `message` (a question naming what has unsaved
 * changes, answered by OK to leave) is asked:
 * - closing or reloading the tab asks first (beforeunload);
 * - following an in-app link asks first: client-side navigation never fires beforeunload,
 *   so link clicks are checked in the capture phase, before Next's <Link> handles them;
 *   so is submitting a form marked as leaving the page (Sign out), before React runs its action;
 * - the browser's Back and Forward buttons ask first: they also stay inside the app (the
 *   router renders the other page on `popstate`). The history has already moved when
 *   popstate fires and cannot be cancelled, so the guard keeps the event from the router
 *   (components/leave-guard), asks, and then either lets the event through or travels
 *   back to the page's entry, whose own popstate it also keeps from the router: the page
 *   was never left.
 * Used by the proposal editor and the client forms.
 */
export function useUnsavedChangesGuard(dirty: boolean, message: string) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older browsers need it set to show the prompt
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === '_blank' || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return; // beforeunload covers leaving the site
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };

    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute(LEAVES_PAGE_ATTRIBUTE)) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };

    const pageEntryKey = navigationApi()?.currentEntry?.key ?? null;
    let returningSince: number | null = null;
    const removeHistoryGuard = setHistoryGuard(() => {
      if (returningSince !== null && Date.now() - returningSince < RETURN_WINDOW_MS) {
        returningSince = null; // back on the page's own entry: nothing to render
        return false;
      }
      if (window.confirm(message)) return true;
      returningSince = Date.now();
      const navigation = navigationApi();
      // Without the Navigation API the direction is unknown; Back is by far the likelier.
      if (navigation && pageEntryKey) {
        const result = navigation.traverseTo(pageEntryKey);
        // An entry that no longer exists rejects; the author then simply stays where they are.
        result.committed.catch(() => undefined);
        result.finished.catch(() => undefined);
      } else {
        window.history.go(1);
      }
      return false;
    });

    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', onSubmit, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('submit', onSubmit, true);
      removeHistoryGuard();
    };
  }, [dirty, message]);
}
