'use client';

import { type RefObject, useEffect } from 'react';

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
