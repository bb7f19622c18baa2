'use client';

import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Focus for editors of rows that come and go (service lines, contacts). A press that adds,
 * removes or moves a row asks for focus on a control that exists only once the list has
 * re-rendered (the new row's first field, a neighbour's), or the pressed button is gone and
 * focus would fall to the page's body. Without this, focus stayed on "Add contact", so the
 * name typed next pressed it again (a keyboard user trial).
 *
 * Controls are registered by name with `register(name)` as a callback ref; `focusAfterRender`
 * names the controls wanted, best first: the first one on the page and not disabled takes
 * focus after the next render of the component that uses this hook.
 */
export function useFocusAfterRender() {
  const [controls] = useState(() => new Map<string, HTMLElement>());
  const wanted = useRef<readonly string[] | null>(null);

  useLayoutEffect(() => {
    const names = wanted.current;
    if (!names) return;
    wanted.current = null;
    names
      .map((name) => controls.get(name))
      .find((element) => element && !element.hasAttribute('disabled'))
      ?.focus();
  });

  const register = (name: string) => (element: HTMLElement | null) => {
    if (element) controls.set(name, element);
    else controls.delete(name);
  };

  const focusAfterRender = (...names: string[]) => {
    wanted.current = names;
  };

  return { register, focusAfterRender };
}
