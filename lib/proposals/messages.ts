/** Rules the server enforces and the editor states before the button is pressed: one wording for both. */
export const SEND_NEEDS_CLIENT_MESSAGE = 'Choose the client and save before marking as sent.';
