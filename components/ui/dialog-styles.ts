/**
 * The look every modal dialog shares, so the dialogs (Radix Dialog and AlertDialog alike,
 * some loaded on demand) cannot drift apart: the dimmed page behind, and the small centred
 * panel used by confirmations. Wider dialogs set their own panel width.
 */
export const DIALOG_OVERLAY_CLASS = 'fixed inset-0 z-40 bg-slate-900/40';

export const SMALL_DIALOG_PANEL_CLASS = 'fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl';
