'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import { useDialogTrigger } from '@/components/ui/dialog-trigger';
import type { SettingsRequest } from '@/lib/sync/settings-plan';
import type { SyncScope } from './client-sync-context';

// The preview and Radix's dialog load when an admin reaches for the button, not with the
// page: they were a third of the Integrations page's JavaScript, evaluated and hydrated at load.
const loadContent = () => import('./client-sync-preview-content');
const ClientSyncPreviewContent = dynamic(loadContent, { ssr: false });

export interface ClientSyncPreviewProps {
  title: string;
  intro?: ReactNode;
  request: SettingsRequest;
  confirmLabel: string;
  scope: SyncScope;
  successText: string;
}

/**
 * "What will change" before a change that touches more than one setting or app: each
 * setting before → after, and what that means for the linked clients, then one button
 * that applies it all together (one transaction on the server). The preview is worked
 * out with the same rules the server applies, from the settings on screen when it opens.
 */
export function ClientSyncPreviewDialog({ trigger, ...preview }: ClientSyncPreviewProps & { trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { element, ref } = useDialogTrigger({ trigger, open, onOpen: () => setOpen(true), preload: loadContent });
  return (
    <>
      {element}
      {open ? <ClientSyncPreviewContent {...preview} onClose={() => setOpen(false)} returnFocusTo={ref} /> : null}
    </>
  );
}
