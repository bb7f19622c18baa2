/** What an action on the card said, in words: done, or why not. */
export type Outcome = { tone: 'error' | 'success'; text: string };

const LOOKS = {
  /** A line under the button (Refresh now). */
  line: { success: 'text-sm text-green-800', error: 'text-sm text-red-700' },
  /** A box of its own (Disconnect, Remove company): what it did changed the card. */
  box: {
    success: 'rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900',
    error: 'rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900',
  },
} as const;

/**
 * Where an action's outcome is said (role=status) and where focus goes once it is (`id`, for
 * components/ui/focus-handoff.ts). Drawn before there is anything to say and whether or not the
 * pressed control is still there: the live region is in place for its first words, and focus on
 * it stays when the card is drawn again without the control. `className`: where it sits, which
 * can depend on whether it says something.
 */
export function OutcomeStatus({ id, outcome, look, className }: { id: string; outcome: Outcome | null; look: keyof typeof LOOKS; className?: string }) {
  return (
    // Joined, not cn(): the look and a caller's placement (margin, flex basis, sr-only) never set
    // the same thing, and components/ui/class-conflicts.test.ts cannot read a className an
    // exported component is given in other files.
    <div id={id} tabIndex={-1} role="status" data-testid={id} className={[outcome ? LOOKS[look][outcome.tone] : '', className ?? ''].join(' ').trim()}>
      {outcome?.text}
    </div>
  );
}
