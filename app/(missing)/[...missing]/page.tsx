import { notFound } from 'next/navigation';

/**
 * Every address no other route answers: answered 404, inside app/(missing)'s frame (its
 * not-found.tsx), rather than by the root not-found, which cannot draw the header.
 */
export default function MissingPage(): never {
  notFound();
}
