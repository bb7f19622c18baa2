'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { ArrowRight } from 'lucide-react';
import { useRef, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import { type AppChange, type AppId, CAPABILITIES, type ConnectionSettings } from '@/lib/sync/rules';
import { describeChangeEffects, describeFieldChange, planSettingsRequest } from '@/lib/sync/settings-plan';
import { useClientSync } from './client-sync-context';
import type { ClientSyncPreviewProps } from './client-sync-preview-dialog';
import { UpcomingSyncPreview } from './upcoming-sync-preview';
import { DIALOG_OVERLAY_CLASS } from '@/components/ui/dialog-styles';
import { InlineArrow } from '@/components/ui/inline-arrow';

/**
 * The apps whose next sync the change makes move client data, where clients are linked to
 * them: the ones worth a preview of that sync (a first sync with no links only links by name).
 */
function syncsToPreview(changes: readonly AppChange[], linkedClients: (app: AppId) => number): ConnectionSettings[] {
  return changes
    .map((change) => change.after)
    .filter((after) => after.syncData !== 'nothing' && CAPABILITIES[after.app].directions.includes(after.direction) && linkedClients(after.app) > 0);
}

/**
 * The open preview of ClientSyncPreviewDialog (client-sync-preview-dialog.tsx), in a module
 * of its own so that it and Radix's dialog code load when an admin asks for a preview, not
 * with the page. The plan is worked out from the settings on screen.
 */
export default function ClientSyncPreviewContent({
  title,
  intro,
  request,
  confirmLabel,
  scope,
  successText,
  onClose,
  returnFocusTo,
}: ClientSyncPreviewProps & { onClose: () => void; returnFocusTo: RefObject<HTMLElement | null> }) {
  const { connections, linkedClients, runDue, save, focusStatus } = useClientSync();
  const confirmed = useRef(false);
  const plan = planSettingsRequest(connections, request);

  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={DIALOG_OVERLAY_CLASS} />
        <AlertDialog.Content
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            // The button that opened the preview often disappears once the change applies
            // (the option it unlocked is now available): continue from the outcome instead.
            if (confirmed.current) focusStatus(scope);
            else returnFocusTo.current?.focus();
          }}
        >
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 space-y-4 text-sm text-slate-700">
              {intro ? <p>{intro}</p> : null}
              {!plan.ok ? (
                <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900">{plan.reason}</p>
              ) : plan.changes.length === 0 ? (
                <p>Nothing to change: these are already your settings.</p>
              ) : (
                <>
                  <div>
                    <h3 className="font-semibold text-slate-900">Settings that change</h3>
                    <table className="mt-2 w-full text-left" data-testid="preview-changes">
                      <thead className="text-xs text-slate-600">
                        <tr>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            App
                          </th>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Setting
                          </th>
                          <th scope="col" className="py-1 font-medium">
                            Now <InlineArrow />
                            <span className="sr-only">and</span> after
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {plan.fieldChanges.map((change) => {
                          const words = describeFieldChange(CAPABILITIES, change);
                          return (
                            <tr key={`${change.app}-${change.field}`}>
                              <td className="py-1.5 pr-3 font-medium text-slate-900">{words.app}</td>
                              <td className="py-1.5 pr-3">{words.setting}</td>
                              <td className="py-1.5">
                                <span>{words.before}</span>
                                <ArrowRight aria-hidden="true" className="mx-1.5 inline h-3.5 w-3.5 text-slate-500" />
                                <span className="sr-only"> becomes </span>
                                <span className="font-medium text-slate-900">{words.after}</span>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                  <div>
                    <h3 className="font-semibold text-slate-900">What this means for your clients</h3>
                    <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="preview-effects">
                      {describeChangeEffects(CAPABILITIES, plan.changes, linkedClients, runDue).map((effect) => (
                        <li key={effect}>{effect}</li>
                      ))}
                    </ul>
                  </div>
                  {syncsToPreview(plan.changes, linkedClients).length > 0 ? (
                    <div>
                      <h3 className="font-semibold text-slate-900">What the next sync would do</h3>
                      <div className="mt-1 space-y-2">
                        {syncsToPreview(plan.changes, linkedClients).map((after) => (
                          <UpcomingSyncPreview key={after.app} settings={after} />
                        ))}
                      </div>
                    </div>
                  ) : null}
                </>
              )}
            </div>
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            {plan.ok && plan.changes.length > 0 ? (
              <AlertDialog.Action asChild>
                <Button
                  onClick={() => {
                    confirmed.current = true;
                    save(scope, request, successText);
                  }}
                >
                  {confirmLabel}
                </Button>
              </AlertDialog.Action>
            ) : null}
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
