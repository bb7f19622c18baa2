/** Rules the server enforces and the editor states before the button is pressed: one wording for both. */
export const SEND_NEEDS_CLIENT_MESSAGE = 'Choose the client and save before marking as sent.';
export const SEND_NEEDS_LINE_MESSAGE = 'Add at least one service line and save before marking as sent.';
/** The client accepts what they were sent: a draft goes out first (issue 15). */
export const ACCEPT_NEEDS_SENT_MESSAGE = 'Mark the proposal as sent first: the client accepts a proposal they have received.';
export const ACCEPT_NEEDS_LINE_MESSAGE = 'Add at least one service line before accepting: there is nothing to accept yet.';
