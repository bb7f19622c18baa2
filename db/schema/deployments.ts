import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { appId } from './apps';
import { practices, users } from './practices';
import { proposals } from './proposals';

/**
 * Accepting a proposal deploys its workflow (DESIGN §2 "Proposal", issue 11): in XPM, the
 * client is matched or created, then a job is created for the proposal — exactly once.
 *
 * - `queued`: waiting for its job (accepted, a retry, "Deploy now", an admin's choice);
 * - `running`: a worker holds it (heartbeat_at; a stale one is taken over);
 * - `needs_choice`: several XPM clients share the name, or the one that does is linked to
 *   another client here: an admin chooses (candidates below);
 * - `succeeded` / `failed` (error_message; Retry deployment queues it again).
 */
export const deploymentStatus = pgEnum('deployment_status', ['queued', 'running', 'needs_choice', 'succeeded', 'failed']);
/** Each completed step, in order: a resumed deployment continues after the last one. */
export const deploymentStepKind = pgEnum('deployment_step_kind', ['linked', 'matched', 'created', 'made_client', 'job_found', 'job_created', 'waiting', 'failed']);

/**
 * Why a deployment waits for an admin: several same-name XPM clients; the one there is linked to
 * another client here; or the one there carries another tax or business number than the client
 * here (two businesses with one name, as far as we can tell: lib/sync/matching/tax-number.ts).
 */
export type DeploymentChoiceReason = 'several_matches' | 'linked_elsewhere' | 'tax_number_differs' | 'business_number_differs';

/** An XPM client offered to the admin when the deployment cannot decide alone. */
export interface DeploymentCandidate {
  uuid: string;
  name: string;
  isProspect: boolean;
  /** What tells same-name clients apart for the admin choosing. */
  email: string | null;
  city: string | null;
  /** Linked to another client here: shown, but choosing it is refused. */
  linkedClientName: string | null;
  /** When the choice is because a number differs: that number as XPM shows it (a tax number masked). */
  differingNumber?: string | null;
}

/** One deployment per proposal and app: the unique key is what makes "exactly once" hold across instances. */
export const workflowDeployments = pgTable(
  'workflow_deployments',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    proposalId: uuid().notNull(),
    clientId: uuid().notNull(),
    app: appId().notNull(),
    status: deploymentStatus().notNull().default('queued'),
    /** The member who accepted (or retried, or chose); null for the system. */
    requestedByUserId: uuid(),
    /** The XPM client the workflow goes to, once matched, chosen or created. */
    externalClientId: text(),
    externalClientName: text(),
    /** The XPM client's page in XPM's web app (its `WebUrl`), for the proposal page's link. */
    externalClientUrl: text(),
    /** Set by an admin's choice: this XPM client, or 'create' for a new one. */
    chosenExternalId: text(),
    candidates: jsonb().$type<DeploymentCandidate[]>(),
    choiceReason: text().$type<DeploymentChoiceReason>(),
    /** The job in XPM (its number, e.g. J000123, and UUID), once created or found. */
    externalJobNumber: text(),
    externalJobId: text(),
    externalJobUrl: text(),
    errorMessage: text(),
    errorDetail: text(),
    attempts: integer().notNull().default(0),
    heartbeatAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('workflow_deployments_proposal_app_key').on(t.practiceId, t.proposalId, t.app),
    unique('workflow_deployments_practice_id_id_key').on(t.practiceId, t.id),
    foreignKey({ columns: [t.practiceId, t.proposalId], foreignColumns: [proposals.practiceId, proposals.id] }),
    foreignKey({ columns: [t.practiceId, t.clientId], foreignColumns: [clients.practiceId, clients.id] }),
    foreignKey({ columns: [t.practiceId, t.requestedByUserId], foreignColumns: [users.practiceId, users.id] }),
    index('workflow_deployments_status_idx').on(t.status, t.updatedAt),
    // The practice's stuck deployments, for the Dashboard and the shell's badge (issue 12).
    index('workflow_deployments_attention_idx')
      .on(t.practiceId, t.updatedAt)
      .where(sql`${t.status} in ('failed', 'needs_choice')`),
  ],
);
export type WorkflowDeployment = typeof workflowDeployments.$inferSelect;

export const workflowDeploymentSteps = pgTable(
  'workflow_deployment_steps',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid().notNull(),
    deploymentId: uuid().notNull(),
    kind: deploymentStepKind().notNull(),
    /** What happened, in words a person reads on the proposal page. */
    message: text().notNull(),
    /** The raw detail behind a failure (never a token: lib/log-safe-error). */
    detail: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.practiceId, t.deploymentId], foreignColumns: [workflowDeployments.practiceId, workflowDeployments.id] }).onDelete('cascade'),
    index('workflow_deployment_steps_deployment_idx').on(t.practiceId, t.deploymentId, t.id),
  ],
);
