/**
 * Marks a form whose submission leaves the page without a link or history step (Sign out):
 * a page with unsaved work asks before it is submitted (use-unsaved-changes-guard.ts).
 */
export const LEAVES_PAGE_ATTRIBUTE = 'data-leaves-page';
export const leavesPage = { [LEAVES_PAGE_ATTRIBUTE]: '' } as const;
