import { ArrowLeftRight, ArrowRight } from 'lucide-react';

/**
 * An arrow inside a line of text (before → after, one ↔ other), drawn as an icon: the app's
 * font has no arrows (app/font.ts), and a glyph from a system font costs the page a system
 * font lookup at its first layout. Decoration only: the words beside it say what it means to
 * a screen reader.
 */
export function InlineArrow({ both = false }: { both?: boolean }) {
  const Icon = both ? ArrowLeftRight : ArrowRight;
  return <Icon aria-hidden="true" className="inline size-3.5 align-[-0.125em]" />;
}
