/** The run page's outcome (a discarded or failed run's message): where focus goes after a discard. */
export const RUN_OUTCOME_ID = 'run-outcome';
/** The run page's facts (their heading, for screen readers): where focus goes after an approval when the run has already ended. */
export const RUN_FACTS_TITLE_ID = 'run-facts-title';
/** The run page's "Undo this run…": where focus goes back to when the admin leaves its preview by "Back to the run". */
export const UNDO_RUN_LINK_ID = 'undo-run-link';
