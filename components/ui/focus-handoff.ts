'use client';

import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Where keyboard focus goes after an action, when the control that was pressed does not stay
 * where it was (it is replaced, or the page is re-drawn without it): to what the action
 * changed, its outcome message or the heading of what appeared. Without this, focus fell to
 * the page's body and a screen reader started again from the top (a trial).
 *
 * The control asks, once its action has answered (`handFocusTo`); the outcome gives it once it
 * is on the page with what it says (`useHandedFocus`, run after each render of a component that
 * draws outcomes, or `<HandedFocus />` in a server-rendered page, which re-renders with the
 * refresh or navigation the action started). Outcomes are found by id, the first of `ids` on
 * the page, and must be focusable (`tabIndex={-1}`).
 *
 * Browser-only state: one page, one person, one request at a time (a newer one replaces it).
 * A request not answered within a few seconds is dropped, and so is one whose person has moved
 * focus elsewhere meanwhile: focus is never pulled away from where they went.
 */
interface Request {
  ids: readonly string[];
  /** Where focus was when the control asked: focus may go from there, or from nowhere (the body). */
  from: Element | null;
  until: number;
}

const WAIT_MS = 10_000;
let request: Request | null = null;

export function handFocusTo(ids: string | readonly string[]) {
  request = { ids: typeof ids === 'string' ? [ids] : ids, from: document.activeElement, until: Date.now() + WAIT_MS };
}

/** Drops a request the action will not answer (it failed, and says so where focus is). */
export function cancelFocusHandoff() {
  request = null;
}

/** Focus is nowhere the person chose: on the body (the pressed control went away) or nothing. */
function focusLost() {
  const active = document.activeElement;
  return active === null || active === document.body;
}

function giveHandedFocus() {
  if (!request) return;
  if (Date.now() > request.until) {
    request = null;
    return;
  }
  const target = request.ids.map((id) => document.getElementById(id)).find((el) => el !== null);
  if (!target) return;
  const from = request.from;
  request = null;
  if (focusLost() || document.activeElement === from) target.focus();
}

/** Gives focus asked for with `handFocusTo` once its outcome is on the page: after every render. */
export function useHandedFocus() {
  useEffect(giveHandedFocus);
}

/** `useHandedFocus` for a page rendered on the server: placed in it, it re-renders with each refresh. */
export function HandedFocus() {
  useHandedFocus();
  return null;
}

/**
 * Focus for what arrives by a navigation (a wizard's next step): on mount, the element takes
 * focus if focus was lost, i.e. the control that led here has gone. Focus the person (or a
 * field's autoFocus) already put somewhere stays there.
 */
export function useFocusOnArrival(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (focusLost()) ref.current?.focus();
  }, [ref]);
}

/**
 * Focus for what the page removes once it is done with it (a run's progress, when the run has
 * ended and the page says how in its place): if focus is in it, or lost, as it goes, focus goes
 * on to `ids` (as `handFocusTo` asks, so the page's `<HandedFocus />` gives it once re-drawn).
 * Without this, focus on it fell to the page's body. Focus the person took elsewhere stays
 * there. `ids` null: not now (removed for another reason, such as leaving the page).
 */
export function useFocusOnwardWhenRemoved(ref: RefObject<HTMLElement | null>, ids: readonly string[] | null) {
  const onward = useRef(ids);
  useEffect(() => {
    onward.current = ids;
  });
  // A layout effect's cleanup: on removal it runs while the element is still on the page, with
  // focus still in it (a passive effect's runs after, when focus has already fallen to the body).
  useLayoutEffect(() => {
    const element = ref.current;
    return () => {
      const to = onward.current;
      if (to && (focusLost() || element?.contains(document.activeElement))) handFocusTo(to);
    };
  }, [ref]);
}
