import { describe, expect, test } from 'vitest';
import { type AttentionItem, attentionLabel, attentionNotice } from './attention';

const RUN = '0b8f8a4e-5d1c-4a57-9a3e-2f1f5b6c7d8e';
const PROPOSAL = '5b0c2f6a-1d2e-4f3a-8b9c-0d1e2f3a4b5c';

const reauth: AttentionItem = { kind: 'reconnect', app: 'xpm', status: 'needs_reauth', lastError: null };
const connectionError: AttentionItem = { kind: 'reconnect', app: 'gusto', status: 'error', lastError: 'Gusto refused the token.' };
const failedRun: AttentionItem = { kind: 'run_failed', app: 'gusto', direction: 'from_app', runId: RUN, status: 'failed', failedRecords: 0, error: 'Gusto could not be reached.' };
const failedWithRecords: AttentionItem = { ...failedRun, failedRecords: 2 };
const partialRun: AttentionItem = { kind: 'run_failed', app: 'xpm', direction: 'to_app', runId: RUN, status: 'partial', failedRecords: 1, error: null };
const paused: AttentionItem = {
  kind: 'run_paused',
  app: 'xpm',
  direction: 'from_app',
  runId: RUN,
  reason: 'This sync needs a second look: it would overwrite values of 10 of 10 linked clients (100%).',
};
const deploymentFailed: AttentionItem = {
  kind: 'deployment',
  proposalId: PROPOSAL,
  title: 'Annual accounts',
  status: 'failed',
  error: 'The workflow was not deployed: XPM is down.',
};
const deploymentChoice: AttentionItem = { kind: 'deployment', proposalId: PROPOSAL, title: 'Payroll setup', status: 'needs_choice', error: null };

describe('attentionNotice: what is wrong, and what each role can do about it', () => {
  test.each([
    [reauth, 'admin', 'XPM needs reconnecting: its access ended, so nothing syncs with XPM until then.', 'Reconnect XPM', '/integrations#xpm-card-title'],
    [reauth, 'author', 'XPM needs reconnecting: its access ended, so nothing syncs with XPM until then.', 'Ask a practice admin to reconnect XPM.', null],
    [connectionError, 'admin', 'Gusto reported an error: Gusto refused the token.', 'Reconnect Gusto', '/integrations#gusto-card-title'],
    [failedRun, 'admin', 'The last sync from Gusto failed: Gusto could not be reached.', 'Review the run', `/sync-history/${RUN}`],
    [failedWithRecords, 'admin', 'The last sync from Gusto failed: Gusto could not be reached; 2 records could not be synced.', 'Retry failed records', `/sync-history/${RUN}`],
    [failedRun, 'author', 'The last sync from Gusto failed: Gusto could not be reached.', 'View the run (a practice admin can retry it)', `/sync-history/${RUN}`],
    [partialRun, 'admin', 'The last sync to XPM finished, but 1 record could not be synced.', 'Retry failed records', `/sync-history/${RUN}`],
    [
      paused,
      'admin',
      'A sync from XPM is paused for review. This sync needs a second look: it would overwrite values of 10 of 10 linked clients (100%).',
      'Review the paused sync',
      `/sync-history/${RUN}`,
    ],
    [paused, 'author', expect.stringContaining('paused for review'), 'View the paused sync (a practice admin approves or discards it)', `/sync-history/${RUN}`],
    [deploymentFailed, 'admin', '“Annual accounts”: The workflow was not deployed: XPM is down.', 'Retry the deployment', `/proposals/${PROPOSAL}`],
    [deploymentFailed, 'author', '“Annual accounts”: The workflow was not deployed: XPM is down.', 'Retry the deployment', `/proposals/${PROPOSAL}`],
    [deploymentChoice, 'admin', '“Payroll setup”: Choose which XPM client this is, so its workflow can be deployed.', 'Choose the XPM client', `/proposals/${PROPOSAL}`],
    [deploymentChoice, 'author', expect.stringContaining('Choose which XPM client'), 'View the proposal (a practice admin chooses)', `/proposals/${PROPOSAL}`],
  ] as const)('%o as %s', (item, role, problem, label, href) => {
    const notice = attentionNotice(item, role);
    expect(notice.problem).toEqual(problem);
    expect(notice.fix).toEqual({ label, href });
  });

  test('keys are unique per item, so two runs or two proposals never share one', () => {
    const keys = [reauth, connectionError, failedRun, paused, deploymentFailed].map((item) => attentionNotice(item, 'admin').key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('attentionLabel', () => {
  test.each([
    [1, '1 item needs attention'],
    [2, '2 items need attention'],
    [1200, '1,200 items need attention'],
  ])('%i → %s', (count, label) => {
    expect(attentionLabel(count)).toBe(label);
  });
});
