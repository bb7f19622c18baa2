import type { AppIdValue, SyncTrigger } from '@/db/schema';

/**
 * Who or what makes a change (DESIGN §2 "Actor"). Members act through pages and actions;
 * jobs, webhooks, OAuth callbacks and the onboarding wizard act without a session. Every
 * write command in lib/commands takes one, and the audit and provenance rows it writes
 * record it. Commands trust the actor: authorisation happens before one is made (lib/dal
 * turns a checked member into an actor; a job makes one from the run it works).
 */
export interface Actor {
  practiceId: string;
  /** The member behind the change; null for schedules, webhooks and other actors without a session. */
  memberId: string | null;
  trigger: SyncTrigger;
  /** Set while a sync run applies changes: provenance names the run. */
  syncRunId?: string;
}

/** A signed-in member acting by hand (a page or an action). */
export function memberActor(member: { practiceId: string; userId: string }): Actor {
  return { practiceId: member.practiceId, memberId: member.userId, trigger: 'manual' };
}

/** The onboarding wizard applying its setup for the admin who runs it: audited as the wizard's, naming the admin. */
export function onboardingActor(member: { practiceId: string; userId: string }): Actor {
  return { practiceId: member.practiceId, memberId: member.userId, trigger: 'onboarding' };
}

/** The system acting for a practice: a schedule, a webhook, an OAuth callback. */
export function systemActor(practiceId: string, trigger: SyncTrigger, syncRunId?: string): Actor {
  return { practiceId, memberId: null, trigger, ...(syncRunId ? { syncRunId } : {}) };
}

export type { AppIdValue };
