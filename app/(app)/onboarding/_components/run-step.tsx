import { appShortLabel } from '@/lib/apps/registry';
import type { WizardView } from '@/lib/dal/onboarding';
import { CAPABILITIES, directionLabel, syncDataLabel } from '@/lib/sync/rules';
import { runFirstSyncAction } from '../actions';
import { FieldChangeList } from './field-change-list';
import { WizardButton } from './wizard-button';

/**
 * Step 5: what will be applied, in one transaction, and the first sync it starts. Only what
 * changes is applied: a wizard opened again, with the practice's settings kept, says they stay
 * as they are and just runs (nothing is ever silently replaced by the recommended setup).
 */
export function RunStep({ view }: { view: WizardView }) {
  const { source, settings, changes } = view.setup;
  const stays = changes.length === 0;
  // What this step shows, sent with the button: the run is refused if it no longer holds (settings saved on Integrations meanwhile).
  const shown = { current: view.connections.map(({ app, syncData, direction }) => ({ app, syncData, direction })), setup: settings };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {stays ? 'Your sync settings stay as they are:' : 'Practice Sync will apply this setup (recorded in the change history as applied by the onboarding wizard):'}
      </p>
      <ul className="list-disc space-y-1 pl-6 text-sm" aria-label="Sync settings">
        {settings.map((s) => (
          <li key={s.app}>
            <span className="font-medium">{appShortLabel(s.app)}</span>: {syncDataLabel(s.syncData)} / {directionLabel(CAPABILITIES, s.app, s.direction)}
          </li>
        ))}
      </ul>
      {stays ? null : (
        <>
          <p className="text-sm text-slate-700">That changes:</p>
          <FieldChangeList changes={changes} className="text-sm" label="What changes" testId="run-changes" />
        </>
      )}
      {source ? (
        <p className="text-sm text-slate-700">
          Then it runs the first sync from {appShortLabel(source)}
          {view.importUnlinked ? `, importing ${appShortLabel(source)}'s unmatched records as new clients` : ''}. You can watch its progress here.
        </p>
      ) : null}
      <WizardButton action={runFirstSyncAction.bind(null, shown)} pendingText={stays ? 'Starting…' : 'Applying…'}>
        {stays ? (source ? 'Run the first sync' : 'Finish the setup') : source ? 'Apply and run the first sync' : 'Apply the setup'}
      </WizardButton>
    </div>
  );
}
