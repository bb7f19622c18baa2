import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { appLabel, appShortLabel, type AppId } from '@/lib/apps/registry';
import type { ConnectionView } from '@/lib/dal/connections';
import { describeDisconnect, isInboundSource, CAPABILITIES } from '@/lib/sync/rules';
import { connectAppAction } from '../actions';
import { CardSyncRuns } from './card-sync-runs';
import { ClientSyncSection } from './client-sync-section';
import { ClientSyncSummary } from './client-sync-summary';
import { AuthorisedCompanies } from './authorised-companies';
import { RefreshInProgress, RefreshNow } from './connection-buttons';
import { StartingSettingsNote } from './starting-settings-note';
import { DisconnectApp } from './disconnect-app';
import { formatPracticeDateTime } from '@/lib/practice-time';
import { formatCount } from '@/lib/format/count';

/** The card's own words; the app's names come from the registry (lib/apps). */
const CARD_TEXT: Readonly<Record<AppId, { blurb: string; directoryNoun: readonly [string, string] }>> = {
  xpm: { blurb: 'Your practice’s client list and jobs in Xero Practice Manager.', directoryNoun: ['client', 'clients'] },
  gusto: { blurb: 'Payroll companies you run in Gusto. Each company is authorised separately.', directoryNoun: ['company', 'companies'] },
};

const STATUS: Record<ConnectionView['status'], { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  connected: { label: 'Connected', tone: 'success' },
  needs_reauth: { label: 'Needs reconnecting', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
  disconnected: { label: 'Disconnected', tone: 'neutral' },
  not_connected: { label: 'Not connected', tone: 'neutral' },
};

function when(date: Date | null, timezone: string): string {
  return date ? formatPracticeDateTime(date, timezone) : 'never';
}

function ConnectForm({ app, label }: { app: AppId; label: string }) {
  return (
    <form action={connectAppAction}>
      <input type="hidden" name="app" value={app} />
      <Button type="submit">{label}</Button>
    </form>
  );
}

export function ConnectionCard({ connection, isAdmin, timezone }: { connection: ConnectionView; isAdmin: boolean; timezone: string }) {
  const text = { name: appLabel(connection.app), short: appShortLabel(connection.app), ...CARD_TEXT[connection.app] };
  const status = STATUS[connection.status];
  const live = connection.status === 'connected' || connection.status === 'needs_reauth' || connection.status === 'error';
  const headingId = `${connection.app}-card-title`;
  const isSource = live && isInboundSource({ syncData: connection.syncData, direction: connection.direction });
  return (
    // Full height of its grid row, the status badge pinned top right: both cards line up.
    <Card aria-labelledby={headingId} data-testid={`${connection.app}-card`} className="flex h-full flex-col">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-lg font-semibold">
            {text.name}
          </h2>
          <p className="text-sm text-slate-700">{text.blurb}</p>
        </div>
        <Badge tone={status.tone} className="shrink-0" data-testid={`${connection.app}-status`}>
          {status.label}
        </Badge>
      </div>

      {connection.lastError ? (
        <Alert tone={connection.status === 'needs_reauth' ? 'warning' : 'error'} className="mt-4">
          {connection.lastError}
        </Alert>
      ) : null}

      {live && connection.refreshing ? <RefreshInProgress app={connection.app} /> : null}

      {live ? (
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Connected by</dt>
            <dd>
              {connection.connectedByName ?? 'Unknown'} on {when(connection.connectedAt, timezone)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Last successful contact</dt>
            <dd>{when(connection.lastSuccessAt, timezone)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Directory</dt>
            <dd data-testid={`${connection.app}-directory-count`}>
              {formatCount(connection.directoryCount)} {text.directoryNoun[connection.directoryCount === 1 ? 0 : 1]}, refreshed {when(connection.directoryRefreshedAt, timezone)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Client sync</dt>
            <dd>
              <ClientSyncSummary app={connection.app} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="mt-4 text-sm text-slate-700">
          {connection.status === 'disconnected'
            ? `Disconnected. ${formatCount(connection.linkedClients)} client${connection.linkedClients === 1 ? ' stays' : 's stay'} linked to ${text.short} records.`
            : `Connect ${text.short} to see its ${text.directoryNoun[1]} in the client picker.`}
        </p>
      )}

      {/* The saved note only marks settings still as connected (a save clears it); its words are written from today's connections, to agree with Recommended setup. */}
      {live ? <StartingSettingsNote app={connection.app} untouched={connection.settingsNote !== null} /> : null}

      {live ? <CardSyncRuns app={connection.app} isAdmin={isAdmin} timezone={timezone} /> : null}

      {connection.app === 'gusto' ? (
        <AuthorisedCompanies live={live} grants={connection.grants.map((g) => ({ id: g.id, label: g.label, connected: g.status === 'connected' }))} isAdmin={isAdmin} />
      ) : null}

      {isAdmin ? (
        <div className="mt-5 flex flex-wrap items-start gap-3">
          {!live ? <ConnectForm app={connection.app} label={`Connect ${text.short}`} /> : null}
          {connection.status === 'needs_reauth' || connection.status === 'error' ? <ConnectForm app={connection.app} label={`Reconnect ${text.short}`} /> : null}
          {live && connection.app === 'gusto' ? <ConnectForm app="gusto" label="Add another company" /> : null}
          {/* Both drawn disconnected too: what Refresh now or Disconnect said stays, and holds focus, after the button goes. */}
          <RefreshNow app={connection.app} live={live} running={connection.refreshing} />
          <DisconnectApp app={connection.app} live={live} consequences={describeDisconnect(CAPABILITIES, connection.app, isSource)} />
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Only practice admins can connect or disconnect apps.</p>
      )}

      {live ? <ClientSyncSection app={connection.app} /> : null}
    </Card>
  );
}
