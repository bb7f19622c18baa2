import { PageNotFound } from '../_components/page-not-found';

/**
 * A page of the app that found nothing of the practice's (notFound(), e.g. the preview of an
 * app that does not exist): inside the app's layout, which already draws the frame. Without
 * this file the root's not-found, which draws the frame itself, would draw it twice.
 */
export default function AppPageNotFound() {
  return <PageNotFound />;
}
