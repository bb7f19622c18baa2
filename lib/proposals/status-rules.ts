import type { ProposalStatusValue } from '@/lib/validation/proposal-statuses';
import {
  ACCEPT_NEEDS_CLIENT_MESSAGE,
  ACCEPT_NEEDS_LINE_MESSAGE,
  ACCEPT_NEEDS_SENT_MESSAGE,
  ALREADY_ACCEPTED_MESSAGE,
  DECLINED_ACCEPT_MESSAGE,
  LOCKED_STATUS_MESSAGE,
  SEND_NEEDS_CLIENT_MESSAGE,
  SEND_NEEDS_LINE_MESSAGE,
} from './messages';

/**
 * Which status changes a proposal allows, as one pure table used by the server (the status
 * and acceptance commands, under the proposal's row lock) and by the editor (which disables
 * a button and says why before it is pressed) alike, so the two cannot drift (issue 15).
 *
 *   draft ──send──▶ sent ──accept──▶ accepted (final: content locked, workflow deployed)
 *     ▲  ╲            │ ╲
 *     │   decline     │  decline ──▶ declined ──reopen──▶ draft
 *     └──reopen───────┘
 *
 * The client accepts what they were sent: a draft is never accepted directly, and a proposal
 * with no service line can be neither sent nor accepted (there is nothing to agree to).
 */
export type ProposalAction = 'send' | 'accept' | 'decline' | 'reopen';

/** Why an action is refused, as a code the tests and callers compare (never the words). */
export type ProposalRefusal = 'locked' | 'already_accepted' | 'wrong_status' | 'not_sent' | 'declined' | 'no_client' | 'no_lines';

export interface ProposalFacts {
  status: ProposalStatusValue;
  hasClient: boolean;
  /** Whether the saved proposal has at least one service line. */
  hasLine: boolean;
}

/** The status each action leads to, and the statuses it may start from. */
export const TRANSITIONS: Readonly<Record<ProposalAction, { from: readonly ProposalStatusValue[]; to: ProposalStatusValue }>> = {
  send: { from: ['draft'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['draft', 'sent'], to: 'declined' },
  reopen: { from: ['sent', 'declined'], to: 'draft' },
};

const VERB: Record<ProposalAction, string> = { send: 'marked as sent', accept: 'accepted', decline: 'marked as declined', reopen: 'reopened as a draft' };

export interface Refused {
  refusal: ProposalRefusal;
  message: string;
}

/** Null when `action` is allowed on a proposal with these facts; else why not, in a code and in words. */
export function refusalOf(action: ProposalAction, facts: ProposalFacts): Refused | null {
  const { status } = facts;
  if (status === 'accepted') return action === 'accept' ? refused('already_accepted', ALREADY_ACCEPTED_MESSAGE) : refused('locked', LOCKED_STATUS_MESSAGE);
  if (action === 'accept') {
    if (status === 'draft') return refused('not_sent', ACCEPT_NEEDS_SENT_MESSAGE);
    if (status === 'declined') return refused('declined', DECLINED_ACCEPT_MESSAGE);
  }
  if (!TRANSITIONS[action].from.includes(status)) return refused('wrong_status', `A ${status} proposal can't be ${VERB[action]}.`);
  if (action === 'send' || action === 'accept') {
    if (!facts.hasClient) return refused('no_client', action === 'send' ? SEND_NEEDS_CLIENT_MESSAGE : ACCEPT_NEEDS_CLIENT_MESSAGE);
    if (!facts.hasLine) return refused('no_lines', action === 'send' ? SEND_NEEDS_LINE_MESSAGE : ACCEPT_NEEDS_LINE_MESSAGE);
  }
  return null;
}

function refused(refusal: ProposalRefusal, message: string): Refused {
  return { refusal, message };
}
