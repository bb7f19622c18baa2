'use client';

import { startingSettingsNote, type AppId } from '@/lib/sync/rules';
import { useClientSync } from './client-sync-context';

/**
 * The card's note on the settings an app started with, written from the settings the page
 * shows now (saves in flight included), so it never contradicts the Recommended setup panel
 * or the other card: see `startingSettingsNote` for when it is shown.
 */
export function StartingSettingsNote({ app, untouched }: { app: AppId; untouched: boolean }) {
  const { connections } = useClientSync();
  const note = startingSettingsNote(connections, app, untouched);
  return note ? (
    <p className="mt-3 text-sm text-slate-700" data-testid={`${app}-settings-note`}>
      {note}
    </p>
  ) : null;
}
