import { appShortLabel, type AppId } from '@/lib/apps/registry';
import { countOf } from '@/lib/format/count';
import type { SyncDirection } from '@/lib/sync/rules';

/**
 * What needs a person, derived from state alone (issue 12, "in-app alerts"): a connection that
 * needs re-authorising, an app whose latest finished run failed or left records failing, a run
 * the mass-change guard paused, a workflow deployment that failed or waits for a choice. Nothing
 * is stored: an item is gone as soon as its state is fixed (reconnected, a later run succeeded,
 * the run approved or discarded, the deployment retried), so there is nothing to dismiss or to
 * forget to clear. The Dashboard lists these; the shell's badge counts the same set.
 */
export type AttentionItem =
  | { kind: 'reconnect'; app: AppId; status: 'needs_reauth' | 'error'; lastError: string | null }
  | { kind: 'run_failed'; app: AppId; direction: SyncDirection; runId: string; status: 'failed' | 'partial'; failedRecords: number; error: string | null }
  | { kind: 'run_paused'; app: AppId; direction: SyncDirection; runId: string; reason: string | null }
  | { kind: 'deployment'; proposalId: string; title: string; status: 'failed' | 'needs_choice'; error: string | null };

export interface AttentionNotice {
  /** Stable across renders: React's key and the e2e's handle. */
  key: string;
  /** What is wrong, in a sentence. */
  problem: string;
  /** What to do about it: a link to the fix, or (an author's reconnect) words only. */
  fix: { label: string; href: string } | { label: string; href: null };
}

type Role = 'admin' | 'author';

function syncName(app: AppId, direction: SyncDirection): string {
  return `sync ${direction === 'to_app' ? 'to' : 'from'} ${appShortLabel(app)}`;
}

/** One item in words for one role: admins get the fix; authors what to ask for, or a page to read. */
export function attentionNotice(item: AttentionItem, role: Role): AttentionNotice {
  const admin = role === 'admin';
  switch (item.kind) {
    case 'reconnect': {
      const name = appShortLabel(item.app);
      const problem =
        item.status === 'needs_reauth'
          ? `${name} needs reconnecting: its access ended, so nothing syncs with ${name} until then.`
          : `${name} reported an error${item.lastError ? `: ${stripStop(item.lastError)}` : ''}.`;
      return {
        key: `reconnect-${item.app}`,
        problem,
        // The Integrations card's heading is its anchor; its Reconnect button is on the card.
        fix: admin ? { label: `Reconnect ${name}`, href: `/integrations#${item.app}-card-title` } : { label: `Ask a practice admin to reconnect ${name}.`, href: null },
      };
    }
    case 'run_failed': {
      const sync = syncName(item.app, item.direction);
      const failing = item.failedRecords > 0 ? `${countOf(item.failedRecords, 'record')} could not be synced` : null;
      const problem =
        item.status === 'partial'
          ? `The last ${sync} finished, but ${failing ?? 'some records could not be synced'}.`
          : `The last ${sync} failed${item.error ? `: ${stripStop(item.error)}` : ''}${failing ? `; ${failing}` : ''}.`;
      const href = `/sync-history/${item.runId}`;
      return {
        key: `run-${item.runId}`,
        problem,
        fix: admin ? { label: item.failedRecords > 0 ? 'Retry failed records' : 'Review the run', href } : { label: 'View the run (a practice admin can retry it)', href },
      };
    }
    case 'run_paused':
      return {
        key: `paused-${item.runId}`,
        problem: `A ${syncName(item.app, item.direction)} is paused for review. ${item.reason ?? 'It needs a second look before it applies.'}`,
        fix: { label: admin ? 'Review the paused sync' : 'View the paused sync (a practice admin approves or discards it)', href: `/sync-history/${item.runId}` },
      };
    case 'deployment': {
      const href = `/proposals/${item.proposalId}`;
      if (item.status === 'needs_choice') {
        return {
          key: `deployment-${item.proposalId}`,
          problem: `“${item.title}”: Choose which XPM client this is, so its workflow can be deployed.`,
          fix: { label: admin ? 'Choose the XPM client' : 'View the proposal (a practice admin chooses)', href },
        };
      }
      return {
        key: `deployment-${item.proposalId}`,
        // The deployment's own message is a whole sentence ("The workflow was not deployed: …").
        problem: `“${item.title}”: ${item.error ?? 'The workflow was not deployed.'}`,
        // Authors retry deployments too (issue 11).
        fix: { label: 'Retry the deployment', href },
      };
    }
  }
}

function stripStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** The Dashboard link's accessible name with the badge: "Dashboard, 2 items need attention". */
export function attentionLabel(count: number): string {
  return count === 1 ? '1 item needs attention' : `${countOf(count, 'item')} need attention`;
}
