/** One page of a paginated list, as the list pages render it. */
export interface ListPage<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Which page of `total` rows to show: the one asked for, or the last when the list got
 * shorter since the link was made (an empty page would look like lost data); never page 0.
 */
export function pageOf(total: number, requestedPage: number, pageSize: number): { page: number; pageCount: number; offset: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}
