'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A link whose page is prefetched when someone reaches for it (pointer, touch or keyboard
 * focus) rather than when it scrolls into view. Every prefetched page is a response the
 * browser decodes on the main thread: the six shell links alone, prefetched as the page
 * loaded, about doubled the proposal editor's blocking time on a throttled phone. A hover or
 * a touch still starts the prefetch well before the click lands.
 */
export function IntentLink({ href, onMouseEnter, onTouchStart, onFocus, ...props }: Omit<ComponentProps<typeof Link>, 'prefetch' | 'href'> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        router.prefetch(href);
        onMouseEnter?.(event);
      }}
      onTouchStart={(event) => {
        router.prefetch(href);
        onTouchStart?.(event);
      }}
      onFocus={(event) => {
        router.prefetch(href);
        onFocus?.(event);
      }}
    />
  );
}
