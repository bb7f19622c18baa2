import type { AppId } from '@/lib/sync/canonical-client';
import { SOURCE_LABEL } from './source-badges';

/**
 * The picker's placeholder: short enough to show whole in a 390 px phone's field (the longer
 * "Type a name: your clients, XPM clients and Gusto companies" was cut off there), and naming
 * only the apps whose clients are searched.
 */
export function pickerPlaceholder(connectedApps: readonly AppId[]): string {
  if (connectedApps.length === 0) return 'Type a client’s name';
  return `Type a name: clients, ${connectedApps.map((app) => SOURCE_LABEL[app]).join(', ')}`;
}
