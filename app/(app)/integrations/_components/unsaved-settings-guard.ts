'use client';

import { useCallback, useState } from 'react';
import { useUnsavedChangesGuard } from '@/components/leave-guard/use-unsaved-changes-guard';
import { CAPABILITIES, appName, joinNames, type AppId } from '@/lib/sync/rules';

/** "Your sync settings for XPM have unsaved changes. Leave without saving them?" (or "for XPM and Gusto"). */
export function unsavedSettingsQuestion(apps: readonly AppId[]): string {
  return `Your sync settings for ${joinNames(apps.map((app) => appName(CAPABILITIES, app)))} have unsaved changes. Leave without saving them?`;
}

/**
 * Leaving the Integrations page with an edit neither saved nor discarded asks first (a link,
 * the header, Back/Forward, Sign out, reload or close), as the client forms do. Each card's
 * form reports whether it has unsaved edits; the page asks once, naming every app that has
 * them: the guard is one per page (one question per click, one Back/Forward handler).
 * Saving or discarding drops the edit, so neither is followed by the question.
 */
export function useUnsavedSettingsGuard(): (app: AppId, unsaved: boolean) => void {
  const [unsavedApps, setUnsavedApps] = useState<readonly AppId[]>([]);
  useUnsavedChangesGuard(unsavedApps.length > 0, unsavedSettingsQuestion(unsavedApps));
  return useCallback((app: AppId, unsaved: boolean) => {
    setUnsavedApps((apps) => {
      if (apps.includes(app) === unsaved) return apps;
      return unsaved ? [...apps, app] : apps.filter((a) => a !== app);
    });
  }, []);
}
