import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { APPS, appShortLabel, type AppId } from '@/lib/apps/registry';
import type { SyncSettingsView } from '@/lib/dal/sync-settings';
import { connectFromWizardAction, continueFromConnectAction } from '../actions';
import { WizardButton } from './wizard-button';

const WHAT: Record<AppId, string> = {
  xpm: 'Xero Practice Manager: your practice’s client list. You sign in with Xero and allow Practice Sync to read and update clients.',
  gusto: 'Gusto: payroll companies. Gusto asks you to authorise each company; connect again to add another.',
};

/**
 * Step 2: the same OAuth flows as Integrations, started here so they come back here (the
 * state row carries the return target). "Continue" appears once an app is connected: with
 * none there is nothing to set up, and the page's "I'll do this later" keeps the wizard's
 * place (a second button, "I'll connect later", once ended the wizard "set up" with nothing).
 */
export function ConnectStep({ connections }: { connections: SyncSettingsView[] }) {
  const apps = Object.keys(APPS) as AppId[];
  const connectedCount = connections.length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Connect the apps your practice uses: one or both. {connectedCount > 0 ? 'Continue when you have connected what you use.' : 'The next steps set up how their clients sync.'}
      </p>
      <ul className="grid gap-4 lg:grid-cols-2">
        {apps.map((app) => {
          const connection = connections.find((c) => c.app === app);
          const label = appShortLabel(app);
          return (
            <li key={app} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id={`connect-${app}`} className="font-semibold">
                  {label}
                </h3>
                {connection ? (
                  <Badge tone={connection.status === 'connected' ? 'success' : 'warning'}>{connection.status === 'connected' ? 'Connected' : 'Needs attention'}</Badge>
                ) : (
                  <Badge tone="neutral">Not connected</Badge>
                )}
              </div>
              <p className="mt-2 text-sm text-slate-700">{WHAT[app]}</p>
              <form action={connectFromWizardAction} className="mt-3">
                <input type="hidden" name="app" value={app} />
                <Button type="submit" variant={connection ? 'secondary' : 'primary'}>
                  {connection ? (app === 'gusto' ? 'Connect another Gusto company' : 'Reconnect XPM') : `Connect ${label}`}
                </Button>
              </form>
            </li>
          );
        })}
      </ul>
      {connectedCount > 0 ? (
        <WizardButton action={continueFromConnectAction} pendingText="Saving…">
          Continue
        </WizardButton>
      ) : null}
    </div>
  );
}
