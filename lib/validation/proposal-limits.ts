/**
 * Text limits of a proposal, apart from the zod schemas so the editor can count toward
 * them in the browser without shipping zod in its first-load JavaScript.
 */
export const TITLE_MAX_LENGTH = 200;
export const LINE_DESCRIPTION_MAX_LENGTH = 500;
/** Who accepted on the client's behalf ("Jane Citizen, director"). */
export const ACCEPTED_BY_MAX_LENGTH = 120;
