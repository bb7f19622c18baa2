import { getQueryClient } from '@/components/client-picker/query-provider';
import { CLIENT_SEARCH_QUERY_KEY } from '@/components/client-picker/use-client-search';

/**
 * After Link to…, Relink or Unlink, the picker's searches cached in the browser (kept 30 s)
 * are wrong about which records are free: a Relink straight after a Link offered the record
 * just linked, and a Link to… after an Unlink said the record just unlinked matched nothing. Marked stale, they are asked again when next shown.
 */
export function forgetClientSearches() {
  void getQueryClient().invalidateQueries({ queryKey: [CLIENT_SEARCH_QUERY_KEY], refetchType: 'none' });
}
