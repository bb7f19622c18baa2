'use client';

import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useState, useTransition } from 'react';
import { chooseDeploymentClientAction, deployNowAction, retryDeploymentAction } from '../actions';
import { getQueryClient } from '@/components/client-picker/query-provider';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import type { DeploymentView } from '@/lib/dal/proposals/deployment';
import { choiceReasonText, differingNumberText } from '@/lib/sync/deploy/choice-text';

/**
 * The proposal's workflow in XPM (issue 11): deploying → its outcome in words, with links to
 * the XPM client and job; a failure with Retry deployment; "Deploy now" when XPM was connected
 * after acceptance; an admin's choice between same-name XPM clients. Polls while it waits or runs.
 */
export const DEPLOYMENT_POLL_MS = 1_500;

const isActive = (view: DeploymentView | undefined) => view?.kind === 'deployment' && (view.status === 'queued' || view.status === 'running');

async function fetchView(proposalId: string, signal: AbortSignal): Promise<DeploymentView> {
  const response = await fetch(`/api/proposals/${encodeURIComponent(proposalId)}/deployment`, { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`deployment answered ${response.status}`);
  return (await response.json()) as DeploymentView;
}

export function DeploymentPanel(props: { proposalId: string; initial: DeploymentView; isAdmin: boolean }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <Panel {...props} />
    </QueryClientProvider>
  );
}

function Panel({ proposalId, initial, isAdmin }: { proposalId: string; initial: DeploymentView; isAdmin: boolean }) {
  const queryClient = useQueryClient();
  // A new server render (after accepting, retrying, choosing) brings fresher data than the cache.
  useEffect(() => {
    queryClient.setQueryData(['proposal-deployment', proposalId], initial);
  }, [queryClient, proposalId, initial]);
  const query = useQuery({
    queryKey: ['proposal-deployment', proposalId],
    queryFn: ({ signal }) => fetchView(proposalId, signal),
    initialData: initial,
    refetchInterval: (q) => (isActive(q.state.data) ? DEPLOYMENT_POLL_MS : false),
    staleTime: 0,
  });
  const view = query.data;
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const act = (run: () => Promise<{ ok: boolean; formError?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (!result.ok) setError(result.formError ?? 'That did not work. Please try again.');
      await query.refetch();
    });

  if (view.kind === 'not_accepted') return null;
  return (
    <Card aria-labelledby="deployment-title" data-testid="deployment">
      <CardTitle id="deployment-title">Workflow in XPM</CardTitle>
      <div className="mt-2 space-y-3 text-sm text-slate-800">
        <Body view={view} proposalId={proposalId} isAdmin={isAdmin} pending={pending} act={act} />
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </Card>
  );
}

type Act = (run: () => Promise<{ ok: boolean; formError?: string }>) => void;

function Body({
  view,
  proposalId,
  isAdmin,
  pending,
  act,
}: {
  view: Exclude<DeploymentView, { kind: 'not_accepted' }>;
  proposalId: string;
  isAdmin: boolean;
  pending: boolean;
  act: Act;
}) {
  if (view.kind === 'not_deployed') {
    if (!view.xpmConnected) {
      return (
        <p data-testid="deployment-status">
          The workflow was not deployed to any app: Xero Practice Manager is not connected.{' '}
          {isAdmin ? (
            <>
              <Link href="/integrations" className="font-medium text-brand-700 underline">
                Connect it on Integrations
              </Link>
              , then deploy it from here.
            </>
          ) : (
            'Once an admin connects it, you can deploy it from here.'
          )}
        </p>
      );
    }
    return (
      <>
        <p data-testid="deployment-status">This proposal was accepted before XPM was connected, so its workflow has not been deployed yet.</p>
        <Button size="sm" disabled={pending} onClick={() => act(() => deployNowAction({ proposalId }))}>
          {pending ? 'Deploying…' : 'Deploy now'}
        </Button>
      </>
    );
  }

  const steps = view.steps.filter((s) => s.kind !== 'failed' && s.kind !== 'waiting');
  return (
    <>
      <p role="status" aria-live="polite" data-testid="deployment-status" className={view.status === 'failed' ? 'font-medium text-red-800' : 'font-medium'}>
        {statusText(view)}
      </p>
      {steps.length > 0 ? (
        <ol className="list-inside list-disc space-y-1" aria-label="What was done in XPM" data-testid="deployment-steps">
          {steps.map((s, i) => (
            <li key={i}>{s.message}</li>
          ))}
        </ol>
      ) : null}
      {view.xpmClient || view.job ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1">
          {view.xpmClient?.url ? (
            <a href={view.xpmClient.url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
              Open “{view.xpmClient.name}” in XPM
            </a>
          ) : null}
          {view.job?.url ? (
            <a href={view.job.url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
              Open job {view.job.number} in XPM
            </a>
          ) : null}
        </p>
      ) : null}
      {view.status === 'failed' ? (
        <>
          <p data-testid="deployment-error">{view.errorMessage}</p>
          {view.errorDetail ? (
            <details>
              <summary className="cursor-pointer text-slate-700">Technical detail</summary>
              <p className="mt-1 font-mono text-xs break-words text-slate-700">{view.errorDetail}</p>
            </details>
          ) : null}
          <p className="text-slate-700">The proposal stays accepted; retrying continues from the last completed step and never creates a second client or job.</p>
          <Button size="sm" disabled={pending} onClick={() => act(() => retryDeploymentAction({ proposalId }))}>
            {pending ? 'Retrying…' : 'Retry deployment'}
          </Button>
        </>
      ) : null}
      {view.status === 'needs_choice' ? <Choice view={view} proposalId={proposalId} isAdmin={isAdmin} pending={pending} act={act} /> : null}
    </>
  );
}

function statusText(view: Extract<DeploymentView, { kind: 'deployment' }>): string {
  switch (view.status) {
    case 'queued':
      return 'Deploying the workflow to XPM: waiting to start…';
    case 'running':
      return 'Deploying the workflow to XPM…';
    case 'succeeded':
      return 'The workflow is deployed in XPM.';
    case 'failed':
      return 'The workflow could not be deployed to XPM.';
    case 'needs_choice':
      return 'Choose which XPM client this is';
  }
}

function Choice({
  view,
  proposalId,
  isAdmin,
  pending,
  act,
}: {
  view: Extract<DeploymentView, { kind: 'deployment' }>;
  proposalId: string;
  isAdmin: boolean;
  pending: boolean;
  act: Act;
}) {
  const [choice, setChoice] = useState<string | null>(null);
  const legendId = useId();
  const why = choiceReasonText(view.choiceReason, view.candidates.length, view.clientNumber);
  if (!isAdmin) {
    return <p data-testid="deployment-choice">{why} A practice admin chooses which XPM client this is; the deployment then continues by itself.</p>;
  }
  return (
    <form
      data-testid="deployment-choice"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) act(() => chooseDeploymentClientAction({ proposalId, choice }));
      }}
    >
      <fieldset aria-labelledby={legendId} className="space-y-2">
        <p id={legendId}>{why} Choose the XPM client this proposal&apos;s client is, or create a new one in XPM.</p>
        {view.candidates.map((c) => (
          <label key={c.uuid} className={`flex items-start gap-2 ${c.linkedClientName ? 'text-slate-500' : ''}`}>
            <input
              type="radio"
              name="xpm-client"
              value={c.uuid}
              disabled={c.linkedClientName !== null}
              checked={choice === c.uuid}
              onChange={() => setChoice(c.uuid)}
              className="mt-1"
              aria-describedby={c.linkedClientName ? `${legendId}-${c.uuid}` : undefined}
            />
            <span>
              {c.name}
              {c.isProspect ? ' (prospect in XPM)' : ''}
              {c.email || c.city ? <span className="block text-slate-600">{[c.email, c.city].filter(Boolean).join(' · ')}</span> : null}
              {c.differingNumber ? <span className="block text-slate-600">{differingNumberText(view.choiceReason, c.differingNumber)}</span> : null}
              {c.linkedClientName ? <span id={`${legendId}-${c.uuid}`}> — already linked to {c.linkedClientName} here</span> : null}
            </span>
          </label>
        ))}
        <label className="flex items-start gap-2">
          <input type="radio" name="xpm-client" value="create" checked={choice === 'create'} onChange={() => setChoice('create')} className="mt-1" />
          <span>None of these: create a new client in XPM</span>
        </label>
      </fieldset>
      <Button type="submit" size="sm" className="mt-3" disabled={pending || choice === null}>
        {pending ? 'Continuing…' : 'Continue deployment'}
      </Button>
    </form>
  );
}
