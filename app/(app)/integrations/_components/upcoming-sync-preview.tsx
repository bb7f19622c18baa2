'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { ConnectionSettings } from '@/lib/sync/rules';
import { appShortName } from '@/lib/sync/runs/format';
import { describeUpcomingSync } from '@/lib/sync/runs/upcoming-sync';
import { previewUnderSettingsAction, type SettingsPreviewSummary } from '../preview-actions';

type State = { kind: 'loading' } | { kind: 'ready'; summary: SettingsPreviewSummary } | { kind: 'unavailable'; reason: string };

/**
 * Inside a settings dialog, before "Make X the source instead" or "Apply recommended setup"
 * when clients are linked (issue 12): what the next sync would do under the new settings —
 * the engine's own preview, read-only — with the mass-change warning when it applies and a
 * link to every client's before → after.
 */
export function UpcomingSyncPreview({ settings }: { settings: ConnectionSettings }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const { app, direction, syncData } = settings;

  useEffect(() => {
    let current = true;
    previewUnderSettingsAction({ app, direction, syncData }).then(
      (result) => {
        if (!current) return;
        if (!result.ok) setState({ kind: 'unavailable', reason: result.formError ?? 'The preview could not be made.' });
        else if (!result.data) setState({ kind: 'unavailable', reason: 'The app is not connected, so there is nothing to preview.' });
        else setState({ kind: 'ready', summary: result.data });
      },
      () => current && setState({ kind: 'unavailable', reason: 'The preview could not be made. You can still apply the change; the sync shows what it did.' }),
    );
    return () => {
      current = false;
    };
  }, [app, direction, syncData]);

  const href = `/integrations/${app}/preview?${new URLSearchParams({ direction, syncData }).toString()}`;
  return (
    <div aria-live="polite" data-testid={`upcoming-sync-${app}`}>
      {state.kind === 'loading' ? (
        <p className="text-slate-600">Working out what the next sync would do…</p>
      ) : state.kind === 'unavailable' ? (
        <p className="text-slate-700">{state.reason}</p>
      ) : (
        <>
          <p>{describeUpcomingSync(app, direction, state.summary.counts)}</p>
          {state.summary.warning ? (
            <p className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" data-testid={`upcoming-sync-${app}-warning`}>
              {state.summary.warning} Such a sync waits for an admin&apos;s review before it applies.
            </p>
          ) : null}
          {state.summary.changeCount > 0 ? (
            <Link href={href} className="mt-1 inline-block font-medium text-brand-700 underline">
              See each client&apos;s changes<span className="sr-only"> in the {appShortName(app)} preview</span>
            </Link>
          ) : null}
        </>
      )}
    </div>
  );
}
