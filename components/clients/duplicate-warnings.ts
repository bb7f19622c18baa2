import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import type { DuplicateReason } from '@/lib/sync/matching';

/** One client here that the one being written may duplicate, and why, in words. */
export interface DuplicateWarning {
  clientId: string;
  name: string;
  why: string;
}

/** What the client form warns about: a name like another client's, or the same tax number. */
const REASON_WORDS: Partial<Record<DuplicateReason, string>> = {
  exact_name: 'same name',
  similar_name: 'similar name',
  same_tax_number: 'same tax number',
};

/**
 * The likely duplicates the client form warns about (it never blocks): clients of this
 * practice only, since only they have a page to open, never the client being edited, and
 * only for the reasons the form asked about.
 */
export function duplicateWarnings(duplicates: readonly LikelyDuplicate[], editingClientId: string | null): DuplicateWarning[] {
  return duplicates.flatMap((duplicate) => {
    if (!duplicate.clientId || duplicate.clientId === editingClientId) return [];
    const words = duplicate.reasons.map((reason) => REASON_WORDS[reason]).filter((w): w is string => Boolean(w));
    return words.length > 0 ? [{ clientId: duplicate.clientId, name: duplicate.name, why: words.join(', ') }] : [];
  });
}
