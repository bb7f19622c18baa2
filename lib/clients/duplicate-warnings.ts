import type { LikelyDuplicate } from '@/lib/dal/client-picker/duplicates';
import type { DuplicateReason } from '@/lib/sync/matching';

/** One client here that the one being written may duplicate, and why, in words. */
export interface DuplicateWarning {
  clientId: string;
  name: string;
  why: string;
  /**
   * The same name (as normalised) or the same tax number: the save waits until the person says it
   * is a different business. A similar name only warns: two businesses often have one ("Smith
   * Accounting", "Smith Consulting"), and asking about each would teach people to click past it.
   */
  needsConfirming: boolean;
}

/** What the client form warns about: a name like another client's, or the same tax number. */
const REASON_WORDS: Partial<Record<DuplicateReason, string>> = {
  exact_name: 'same name',
  similar_name: 'similar name',
  same_tax_number: 'same tax number',
};

/** What the client form's save refuses without a "different business" confirmation. */
const CONFIRMED_REASONS: readonly DuplicateReason[] = ['exact_name', 'same_tax_number'];

/**
 * The likely duplicates the client form warns about: clients of this practice only, since only
 * they have a page to open, never the client being edited, and only for the reasons the form
 * asked about. The hint shows them as the name is typed; the save refuses those that need
 * confirming (lib/dal/client-duplicate-guard.ts), so the warning holds however fast it is sent.
 */
export function duplicateWarnings(duplicates: readonly LikelyDuplicate[], editingClientId: string | null): DuplicateWarning[] {
  return duplicates.flatMap((duplicate) => {
    if (!duplicate.clientId || duplicate.clientId === editingClientId) return [];
    const words = duplicate.reasons.map((reason) => REASON_WORDS[reason]).filter((w): w is string => Boolean(w));
    const needsConfirming = duplicate.reasons.some((reason) => CONFIRMED_REASONS.includes(reason));
    return words.length > 0 ? [{ clientId: duplicate.clientId, name: duplicate.name, why: words.join(', '), needsConfirming }] : [];
  });
}
