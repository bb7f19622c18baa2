import { describe, expect, test } from 'vitest';
import { PROPOSAL_STATUSES } from '@/lib/validation/proposal-statuses';
import { type ProposalAction, type ProposalFacts, type ProposalRefusal, refusalOf, TRANSITIONS } from './status-rules';

const ACTIONS: readonly ProposalAction[] = ['send', 'accept', 'decline', 'reopen'];
const complete = { hasClient: true, hasLine: true };

describe('proposal status rules: a complete proposal (client and a line), by status', () => {
  // null = allowed. Every status × action is listed, so a new status or action fails here first.
  const table: Record<(typeof PROPOSAL_STATUSES)[number], Record<ProposalAction, ProposalRefusal | null>> = {
    draft: { send: null, accept: 'not_sent', decline: null, reopen: 'wrong_status' },
    sent: { send: 'wrong_status', accept: null, decline: null, reopen: null },
    accepted: { send: 'locked', accept: 'already_accepted', decline: 'locked', reopen: 'locked' },
    declined: { send: 'wrong_status', accept: 'declined', decline: 'wrong_status', reopen: null },
  };
  test.each(PROPOSAL_STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action, table[status][action]] as const)))('%s → %s: %s', (status, action, expected) => {
    expect(refusalOf(action, { status, ...complete })?.refusal ?? null).toBe(expected);
  });
});

describe('sending and accepting need a client and a service line', () => {
  test.each<[string, ProposalAction, ProposalFacts, ProposalRefusal | null, RegExp | null]>([
    ['a draft with no line ($0) cannot be sent', 'send', { status: 'draft', hasClient: true, hasLine: false }, 'no_lines', /at least one service line/],
    ['a draft with no client cannot be sent', 'send', { status: 'draft', hasClient: false, hasLine: true }, 'no_client', /Choose the client/],
    ['a draft is never accepted directly, even complete', 'accept', { status: 'draft', hasClient: true, hasLine: true }, 'not_sent', /sent first/],
    ['a draft with nothing in it is told to be sent first', 'accept', { status: 'draft', hasClient: false, hasLine: false }, 'not_sent', /sent first/],
    ['a sent proposal whose lines were removed cannot be accepted', 'accept', { status: 'sent', hasClient: true, hasLine: false }, 'no_lines', /nothing to accept/],
    ['a sent proposal without a client cannot be accepted', 'accept', { status: 'sent', hasClient: false, hasLine: true }, 'no_client', /deploys the workflow/],
    ['a sent proposal with a client and a line is accepted', 'accept', { status: 'sent', hasClient: true, hasLine: true }, null, null],
    ['declining needs no line', 'decline', { status: 'draft', hasClient: false, hasLine: false }, null, null],
    ['reopening needs no line', 'reopen', { status: 'declined', hasClient: false, hasLine: false }, null, null],
  ])('%s', (_, action, facts, refusal, message) => {
    const result = refusalOf(action, facts);
    expect(result?.refusal ?? null).toBe(refusal);
    if (message) expect(result?.message).toMatch(message);
  });
});

describe('invariants over every reachable combination', () => {
  const all = PROPOSAL_STATUSES.flatMap((status) => [true, false].flatMap((hasClient) => [true, false].map((hasLine) => ({ status, hasClient, hasLine }))));

  test('nothing leaves accepted, and the only way into accepted is from sent with a client and a line', () => {
    for (const facts of all) {
      for (const action of ACTIONS) {
        const allowed = refusalOf(action, facts) === null;
        if (facts.status === 'accepted') expect(allowed, `${action} from accepted`).toBe(false);
        if (allowed && TRANSITIONS[action].to === 'accepted') expect(facts).toEqual({ status: 'sent', hasClient: true, hasLine: true });
        if (allowed && TRANSITIONS[action].to === 'sent') expect(facts).toMatchObject({ status: 'draft', hasClient: true, hasLine: true });
      }
    }
  });

  test('every refusal says why in words', () => {
    for (const facts of all) for (const action of ACTIONS) expect(refusalOf(action, facts)?.message ?? 'allowed').not.toBe('');
  });
});
