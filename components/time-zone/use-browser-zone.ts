'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/** The browser's time zone after hydration (null on the server, so both render the same first). */
export function useBrowserZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}
