import { IntentLink } from '@/components/ui/intent-link';

/** Previous / "Page N of M" / Next links for a server-rendered list; hidden for one page. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <IntentLink className="font-medium text-brand-700 underline" href={hrefFor(page - 1)}>
          Previous page
        </IntentLink>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <IntentLink className="font-medium text-brand-700 underline" href={hrefFor(page + 1)}>
          Next page
        </IntentLink>
      ) : (
        <span />
      )}
    </nav>
  );
}
