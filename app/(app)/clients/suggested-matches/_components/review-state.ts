import { countOf } from '@/lib/format/count';
import type { BulkConfirmResult } from '@/lib/dal/suggested-matches/review';
import { type Answered, type CountedPair, withoutPairs } from './decision-tally';

/** What the last decision did, said once in the page's status region. */
export type ReviewStatus =
  | {
      tone: 'success';
      text: string;
      /** How many likely pairs are left, as the server counted them after this decision. */
      left: number;
      client?: { id: string; name: string };
      skipped?: BulkConfirmResult['skipped'];
    }
  | { tone: 'error'; text: string }
  | null;

export interface ReviewState {
  /** Decisions sent and not yet answered: their pairs are off the counts already. */
  pending: readonly { id: number; pairs: readonly CountedPair[] }[];
  /** Pairs decided here, and those their links took off the list: never drawn again, whatever a refresh still holds. */
  hidden: ReadonlySet<string>;
  /** The last decision the server answered: its counts stand until the page's refresh includes it. */
  answered: Answered | null;
  status: ReviewStatus;
}

export type ReviewEvent =
  | { type: 'sent'; id: number; pairs: readonly CountedPair[] }
  | { type: 'answered'; id: number; answer: Answered; hide: readonly string[]; status: Omit<Extract<ReviewStatus, { tone: 'success' }>, 'left'> }
  /** Nothing changed on the server: the pairs go back into the counts. */
  | { type: 'failed'; id: number; text: string }
  | { type: 'said'; status: ReviewStatus };

export const initialReview: ReviewState = { pending: [], hidden: new Set(), answered: null, status: null };

export function reviewReducer(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'sent':
      return { ...state, pending: [...state.pending, { id: event.id, pairs: event.pairs }] };
    case 'answered': {
      const pending = state.pending.filter((p) => p.id !== event.id);
      // The answer counts every decision before it (Next sends actions one at a time); those still pending come after.
      const left = withoutPairs(
        event.answer.tally,
        pending.flatMap((p) => p.pairs),
      ).total;
      return { pending, hidden: new Set([...state.hidden, ...event.hide]), answered: event.answer, status: { ...event.status, left } };
    }
    case 'failed':
      return { ...state, pending: state.pending.filter((p) => p.id !== event.id), status: { tone: 'error', text: event.text } };
    case 'said':
      return { ...state, status: event.status };
  }
}

/** "1 likely pair left.", said after each decision with the count it leaves. */
export function pairsLeftWords(left: number): string {
  return left === 0 ? 'No likely pairs left.' : `${countOf(left, 'likely pair')} left.`;
}
