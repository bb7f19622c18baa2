/**
 * Why a run left a record alone without failing it (the run page names each; the database
 * enum `sync_skip_reason` is made from this list):
 * - `several_clients`: the record's name matches more than one unlinked client here;
 * - `several_records`: another unlinked record of the app has the same name;
 * - `linked_meanwhile`: a person linked the record, or its client, while the run went;
 * - `archived_in_app`: To XPM, the record is archived or deleted in the app: nothing sent;
 * - `tax_number_differs`, `business_number_differs`: the record's name matches one client here,
 *   but that number differs on the two sides, so they are different businesses as far as we can
 *   tell (lib/sync/matching/tax-number.ts `differingNumber`);
 * - `unlinked_before`: the record's name matches one client here, but a person unlinked the two,
 *   or an undo did (lib/sync/engine/auto-link.ts).
 *
 * A new value needs a migration (`ALTER TYPE … ADD VALUE`, made by `npm run db:generate`).
 */
export const RUN_SKIP_REASONS = [
  'several_clients',
  'several_records',
  'linked_meanwhile',
  'archived_in_app',
  'tax_number_differs',
  'business_number_differs',
  'unlinked_before',
] as const;
export type RunSkipReason = (typeof RUN_SKIP_REASONS)[number];

/** Skipped records a run's page, or a preview, names: enough to act on; the count says how many more. */
export const SKIPS_SHOWN = 100;
