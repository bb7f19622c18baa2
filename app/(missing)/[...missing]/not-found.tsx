import { PageNotFound } from '../../_components/page-not-found';

export default function MissingNotFound() {
  return <PageNotFound />;
}
