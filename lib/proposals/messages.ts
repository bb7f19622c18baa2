/** Rules the server enforces and the editor states before the button is pressed: one wording for both (lib/proposals/status-rules.ts). */
export const SEND_NEEDS_CLIENT_MESSAGE = 'Choose the client and save before marking as sent.';
export const SEND_NEEDS_LINE_MESSAGE = 'Add at least one service line and save before marking as sent.';
/** The client accepts what they were sent: a draft goes out first (issue 15). */
export const ACCEPT_NEEDS_SENT_MESSAGE = 'Mark the proposal as sent first: the client accepts a proposal they have received.';
export const ACCEPT_NEEDS_LINE_MESSAGE = 'Add at least one service line before accepting: there is nothing to accept yet.';
export const ACCEPT_NEEDS_CLIENT_MESSAGE = 'Choose the client and save before accepting: accepting deploys the workflow for that client.';
export const DECLINED_ACCEPT_MESSAGE = 'This proposal was declined. Reopen it as a draft before accepting it.';
export const ALREADY_ACCEPTED_MESSAGE = 'This proposal is already accepted.';
export const LOCKED_STATUS_MESSAGE = 'This proposal has been accepted, so its content is locked. Copy it to a new draft to make changes.';
/** Who accepted for the client is asked in the acceptance dialog (issue 15). */
export const ACCEPTED_BY_LABEL = 'Accepted by (client contact)';
export const ACCEPTED_BY_REQUIRED_MESSAGE = 'Type the name of the person who accepted for the client.';
