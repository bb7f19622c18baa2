/** An accepted proposal's fields read as text, not as inputs waiting to be typed in. */
export const LOCKED_INPUT = 'read-only:border-slate-200 read-only:bg-slate-50 read-only:shadow-none';
