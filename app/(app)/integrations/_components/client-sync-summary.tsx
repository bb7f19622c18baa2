'use client';

import { Badge } from '@/components/ui/badge';
import { CAPABILITIES, isInboundSource, syncDataLabel, type AppId } from '@/lib/sync/rules';
import { useClientSync } from './client-sync-context';

/** The card's one-line "Client sync" summary, following saves as they happen. */
export function ClientSyncSummary({ app }: { app: AppId }) {
  const { connections } = useClientSync();
  const settings = connections.find((c) => c.app === app);
  if (!settings) return null;
  return (
    <>
      {/* Not "yet": a trial read "No client data flows yet" beside a Last sync that had brought data in, before the source switched. */}
      {settings.syncData === 'nothing'
        ? `No client data flows (Sync data: ${syncDataLabel('nothing')})`
        : `${syncDataLabel(settings.syncData)} ${settings.direction === 'from_app' ? 'from' : 'to'} ${CAPABILITIES[app].shortLabel}`}
      {isInboundSource(settings) ? (
        <Badge tone="info" className="ml-2">
          Client source
        </Badge>
      ) : null}
    </>
  );
}
