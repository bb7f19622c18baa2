import { PageNotFound } from '../_components/page-not-found';

/**
 * A page's notFound() with no not-found of its own nearer (e.g. an unknown app in
 * /integrations/[app]/preview): shown inside the app's header, like an unknown address.
 * Static, as it travels in the payload of the app's pages.
 */
export default function AppNotFound() {
  return <PageNotFound />;
}
