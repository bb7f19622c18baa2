'use client';

import { Check, Lock } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CAPABILITIES, appName, diffFromPreset, directionLabel, recommendedPreset, syncDataLabel } from '@/lib/sync/rules';
import { SyncStatus, useClientSync } from './client-sync-context';
import { ClientSyncPreviewDialog } from './client-sync-preview-dialog';
import { READ_ONLY_REASON } from './client-sync-section';

/**
 * The recommended setup for the apps that are connected (DESIGN §3): the preset, why,
 * whether the current settings match it, and one step to apply it after a preview.
 */
export function RecommendedSetup() {
  const { connections, canEdit } = useClientSync();
  const preset = recommendedPreset(connections.map((c) => c.app));
  const diff = diffFromPreset(connections, preset);
  const differing = new Set(diff.changes.map((c) => c.app));
  return (
    <Card aria-labelledby="recommended-setup-title" className="mb-4" data-testid="recommended-setup">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h2 id="recommended-setup-title" className="text-lg font-semibold">
            Recommended setup
          </h2>
          <p className="mt-1 text-sm text-slate-700">{preset.why}</p>
        </div>
        {preset.settings.length > 0 ? (
          <Badge tone={diff.matches ? 'success' : 'warning'} data-testid="recommended-setup-match">
            {diff.matches ? 'Your settings match' : 'Your settings differ'}
          </Badge>
        ) : null}
      </div>

      {preset.settings.length > 0 ? (
        <ul className="mt-3 grid gap-2 text-sm sm:grid-cols-2" aria-label="Recommended settings">
          {preset.settings.map((s) => {
            const now = connections.find((c) => c.app === s.app);
            const matches = !differing.has(s.app);
            return (
              <li key={s.app} className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
                <span className="font-medium text-slate-900">{appName(CAPABILITIES, s.app)}: </span>
                {syncDataLabel(s.syncData)} · {directionLabel(CAPABILITIES, s.app, s.direction)}
                {matches ? (
                  <span className="ml-2 inline-flex items-center gap-1 text-green-800">
                    <Check aria-hidden="true" className="h-3.5 w-3.5" />
                    as now
                  </span>
                ) : now ? (
                  <span className="block text-amber-900">
                    Now: {syncDataLabel(now.syncData)} · {directionLabel(CAPABILITIES, s.app, now.direction)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {preset.settings.length === 0 ? null : canEdit ? (
        diff.matches ? null : (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <ClientSyncPreviewDialog
              trigger={<Button>Apply recommended setup</Button>}
              title="Apply the recommended setup?"
              intro={preset.why}
              request={{ kind: 'recommended_preset' }}
              confirmLabel="Apply recommended setup"
              scope="preset"
              successText="Recommended setup applied."
            />
            <p className="text-sm text-slate-700">
              Applying it changes {diff.changes.length} {diff.changes.length === 1 ? 'setting' : 'settings'}; you will see each one before anything is saved.
            </p>
          </div>
        )
      ) : (
        <p className="mt-3 flex items-center gap-1.5 text-sm text-slate-700">
          <Lock aria-hidden="true" className="h-3.5 w-3.5 shrink-0" />
          {READ_ONLY_REASON}
        </p>
      )}
      <SyncStatus scope="preset" />
    </Card>
  );
}
