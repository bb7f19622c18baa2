import { appShortLabel } from '@/lib/apps/registry';
import type { WizardView } from '@/lib/dal/onboarding';
import { CAPABILITIES, directionLabel, syncDataLabel } from '@/lib/sync/rules';
import { runFirstSyncAction } from '../actions';
import { WizardButton } from './wizard-button';

/** Step 5: what will be applied, in one transaction, and the first sync it starts. */
export function RunStep({ view }: { view: WizardView }) {
  const source = view.setup.source;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">Practice Sync will apply this setup (recorded in the change history as applied by the onboarding wizard):</p>
      <ul className="list-disc space-y-1 pl-6 text-sm">
        {view.setup.settings.map((s) => (
          <li key={s.app}>
            <span className="font-medium">{appShortLabel(s.app)}</span>: {syncDataLabel(s.syncData)} / {directionLabel(CAPABILITIES, s.app, s.direction)}
          </li>
        ))}
      </ul>
      {source ? (
        <p className="text-sm text-slate-700">
          Then it runs the first sync from {appShortLabel(source)}
          {view.importUnlinked ? `, importing ${appShortLabel(source)}'s unmatched records as new clients` : ''}. You can watch its progress here.
        </p>
      ) : null}
      <WizardButton action={runFirstSyncAction} pendingText="Applying…">
        {source ? 'Apply and run the first sync' : 'Apply the setup'}
      </WizardButton>
    </div>
  );
}
