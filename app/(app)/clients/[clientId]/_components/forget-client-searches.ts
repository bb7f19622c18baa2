import { getQueryClient } from '@/components/client-picker/query-provider';

/**
 * After Link to…, Relink or Unlink, the picker's searches cached in the browser (kept 30 s, under
 * use-client-search's key) are wrong about which records are free: a Relink straight after a
 * Link offered the record just linked, and a Link to… after an Unlink said the record just
 * unlinked matched nothing. Marked stale, they are asked again when next shown.
 */
export function forgetClientSearches() {
  void getQueryClient().invalidateQueries({ queryKey: ['client-search'], refetchType: 'none' });
}
