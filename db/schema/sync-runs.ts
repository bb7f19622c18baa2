import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { appId } from './apps';
import { syncData, syncDirection } from './integrations';
import { practices, users } from './practices';
import { RUN_SKIP_REASONS } from '../../lib/sync/runs/skip-reason-values';

/**
 * Who or what started a run (DESIGN §2 "Sync run", "Actor"). `undo` arrives with the trust issue.
 * `edit`: a member saved a linked client and the change is pushed To XPM (queued behind a running
 * run like a schedule, unlike "Sync now", which refuses while one runs).
 */
export const syncTrigger = pgEnum('sync_trigger', ['schedule', 'manual', 'webhook', 'workflow', 'onboarding', 'undo', 'edit']);
/**
 * `needs_review`: a scheduled or webhook run stopped before applying by the mass-change guard
 * (lib/sync/plan/mass-change-guard.ts); an admin approves it (→ queued, applied without the
 * guard) or discards it (→ cancelled).
 */
export const syncRunStatus = pgEnum('sync_run_status', ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled', 'needs_review']);
/** What a run did to one client: the rows of a run's page. */
/** `unlinked`: an undo removed a link the undone run had made (the client itself is kept). */
export const syncChangeKind = pgEnum('sync_change_kind', ['updated', 'linked', 'created', 'link_archived', 'link_deleted', 'link_restored', 'unlinked']);

/** The run's counters, one column each so progress is one small read and one small update. */
const counters = {
  /** Records read from the app in this run. */
  fetched: integer().notNull().default(0),
  /** Records the apply stage has to look at (known once the read is done). */
  total: integer().notNull().default(0),
  /** Records the apply stage has finished with, committed: `processed / total` is the progress. */
  processed: integer().notNull().default(0),
  created: integer().notNull().default(0),
  linked: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  unchanged: integer().notNull().default(0),
  skipped: integer().notNull().default(0),
  failed: integer().notNull().default(0),
};

/**
 * One sync run of one app for one practice. At most one runs and one waits per
 * (practice, app) — the partial unique indexes below — so a second "Sync now" finds the
 * first instead of starting another, whichever instance handles it.
 */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    app: appId().notNull(),
    /** The connection's settings when the run started: a run is judged by what it was asked to do. */
    direction: syncDirection().notNull(),
    syncData: syncData().notNull(),
    trigger: syncTrigger().notNull(),
    /** The member who asked for it; null for schedules, webhooks and other actors without a session. */
    requestedByUserId: uuid().references(() => users.id),
    status: syncRunStatus().notNull().default('queued'),
    /** "Retry failed records": the run whose failed records this one reads again. */
    retryOfRunId: uuid(),
    /** "Undo this run" (trigger `undo`): the run whose recorded changes this one takes back. */
    undoOfRunId: uuid(),
    /** When set, only these external records are read and applied (retries, webhooks for one company). */
    onlyExternalIds: jsonb().$type<string[]>(),
    /**
     * A run option (the onboarding wizard's first sync): unlinked live records that match no
     * client by name become new clients, instead of waiting in the picker.
     */
    importUnlinked: boolean().notNull().default(false),
    ...counters,
    /**
     * The last external id the apply stage committed, in external-id order: a run resumed
     * after its process died starts after it, so no record is applied twice.
     */
    cursor: text(),
    /**
     * When the run recorded its read (its errors, skips and read-time counts). A run claimed
     * again after its worker stopped or died counts only what is new when this is set, and
     * everything when it is not — the cursor alone cannot tell: a run may stop after its read
     * and before its first batch. Cleared when an admin approves a paused run (it reads anew).
     */
    readRecordedAt: timestamp({ withTimezone: true }),
    /** Why the whole run failed or stopped, in plain language; per-record errors are in sync_run_errors. */
    error: text(),
    /** The raw detail behind `error`, shown behind a disclosure; never a token or header. */
    errorDetail: text(),
    /** Why the mass-change guard paused the run, in words (status `needs_review`). */
    reviewReason: text(),
    /** The admin who approved a paused run, and when: an approved run applies without the guard. */
    approvedByUserId: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    /** Bumped with every committed batch: a running run whose heartbeat is old has lost its worker. */
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('sync_runs_practice_id_id_key').on(t.practiceId, t.id),
    // One running and at most one waiting run per (practice, app), whichever instance asks:
    // a webhook during a run queues one follow-up; more collapse into it.
    uniqueIndex('sync_runs_one_running_per_app_key')
      .on(t.practiceId, t.app)
      .where(sql`${t.status} = 'running'`),
    uniqueIndex('sync_runs_one_queued_per_app_key')
      .on(t.practiceId, t.app)
      .where(sql`${t.status} = 'queued'`),
    index('sync_runs_practice_queued_idx').on(t.practiceId, t.queuedAt),
    foreignKey({ columns: [t.practiceId, t.undoOfRunId], foreignColumns: [t.practiceId, t.id], name: 'sync_runs_undo_of_run_fk' }),
    index('sync_runs_undo_of_run_idx').on(t.practiceId, t.undoOfRunId),
    // The Dashboard and the shell's badge (issue 12): each app's latest finished run, and the
    // scheduler's last start, are one backward probe per app, not a read of 90 days of runs.
    index('sync_runs_practice_app_queued_idx').on(t.practiceId, t.app, t.queuedAt),
    index('sync_runs_practice_app_started_idx').on(t.practiceId, t.app, t.startedAt),
    // Paused runs are few among thousands: the badge finds them by status. (Not a partial index
    // on 'needs_review': a fresh PostgreSQL applies every migration in one transaction, and a
    // value added to an enum cannot be used in the transaction that added it.)
    index('sync_runs_practice_status_idx').on(t.practiceId, t.status),
  ],
);
export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncTrigger = (typeof syncTrigger.enumValues)[number];
export type SyncRunStatus = (typeof syncRunStatus.enumValues)[number];

export interface RecordedFieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * What one run did to one client: each field's before → after (the run page's diff, and
 * what an undo restores). One row per (run, external record), so a resumed run that meets
 * a record again cannot record it twice.
 */
export const syncRunChanges = pgTable(
  'sync_run_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    runId: uuid().notNull(),
    clientId: uuid().notNull(),
    externalId: text().notNull(),
    kind: syncChangeKind().notNull(),
    fields: jsonb().$type<RecordedFieldChange[]>().notNull().default([]),
    /** Contacts before → after, when the run replaced them. */
    contacts: jsonb().$type<{ before: unknown[]; after: unknown[] } | null>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.runId], foreignColumns: [syncRuns.practiceId, syncRuns.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }),
    unique('sync_run_changes_run_external_key').on(t.runId, t.externalId),
    index('sync_run_changes_client_idx').on(t.practiceId, t.clientId),
  ],
);
export type SyncRunChange = typeof syncRunChanges.$inferSelect;

/** One record a run could not read or apply, in plain language, with the raw detail kept apart. */
export const syncRunErrors = pgTable(
  'sync_run_errors',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    runId: uuid().notNull(),
    /** Null when the error is about a source rather than a record (e.g. a Gusto company that could not be read at all). */
    externalId: text(),
    /** The record's name as last known, so the error says which client it is about. */
    recordName: text(),
    message: text().notNull(),
    detail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.practiceId, t.runId], foreignColumns: [syncRuns.practiceId, syncRuns.id] }).onDelete('cascade'), index('sync_run_errors_run_idx').on(t.runId)],
);
export type SyncRunError = typeof syncRunErrors.$inferSelect;

/** Why a run left a record alone without failing it: lib/sync/runs/skip-reason-values.ts says what each means. */
export const syncSkipReason = pgEnum('sync_skip_reason', RUN_SKIP_REASONS);
export type SyncSkipReason = (typeof syncSkipReason.enumValues)[number];

/** One record a run skipped, and why: "nothing is silently lost" (DESIGN §3), so each is named. */
export const syncRunSkips = pgTable(
  'sync_run_skips',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    runId: uuid().notNull(),
    externalId: text().notNull(),
    /** The record's name when it was skipped: it may since have left the directory. */
    recordName: text(),
    reason: syncSkipReason().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.runId], foreignColumns: [syncRuns.practiceId, syncRuns.id] }).onDelete('cascade'),
    // A resumed run that meets a record again records its skip once.
    unique('sync_run_skips_run_external_key').on(t.runId, t.externalId),
  ],
);
export type SyncRunSkip = typeof syncRunSkips.$inferSelect;

export const webhookSubscriptionStatus = pgEnum('webhook_subscription_status', ['pending', 'verified', 'failed']);

/**
 * The partner app's Gusto webhook subscription (one per deployment, not per practice: Gusto
 * subscribes an application). The verification token Gusto sends is the HMAC key for every
 * event's `X-Gusto-Signature`, so it is sealed like a token.
 */
export const gustoWebhookSubscriptions = pgTable('gusto_webhook_subscriptions', {
  id: uuid().primaryKey().defaultRandom(),
  /** Gusto's uuid for the subscription. */
  subscriptionUuid: text().notNull().unique(),
  url: text().notNull(),
  status: webhookSubscriptionStatus().notNull().default('pending'),
  verificationTokenSealed: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  verifiedAt: timestamp({ withTimezone: true }),
});
export type GustoWebhookSubscription = typeof gustoWebhookSubscriptions.$inferSelect;

/** Every webhook event taken in, once: Gusto retries, so the event uuid is the dedupe key. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    app: appId().notNull(),
    eventUuid: text().notNull(),
    eventType: text().notNull(),
    /** The company (Gusto) the event is about, and the practice it belongs to if any. */
    resourceUuid: text(),
    practiceId: uuid().references(() => practices.id),
    /** What was done with it: 'enqueued' | 'ignored' | 'unknown_company'. */
    outcome: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('webhook_events_app_event_key').on(t.app, t.eventUuid)],
);
