import { type ClassValue, clsx } from 'clsx';

/**
 * Joins class names (strings, conditionals, arrays), nothing more: it does not resolve Tailwind
 * conflicts at run time. tailwind-merge did, and its first call built a map of every Tailwind
 * class in the browser as each page hydrated (10–15 ms of one task, 40–60 ms on Lighthouse's
 * 4× slower phone: the whole of /sign-in's blocking time). Instead nothing the app passes may
 * conflict: a primitive offers what callers change as a variant (Card's `padding`), and
 * components/ui/class-conflicts.test.ts reads every className the app gives a primitive and every
 * cn() call, and fails, naming the place, where tailwind-merge would have dropped a class.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
