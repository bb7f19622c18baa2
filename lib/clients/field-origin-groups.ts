import type { AppId } from '@/lib/apps/ids';

/** What grouping needs of a field's provenance (lib/dal/client-sync.ts FieldOriginView). */
export interface FieldOrigin {
  field: string;
  app: AppId | null;
  syncRunId: string | null;
  editedByName: string | null;
  at: Date;
  /** Written by an undo run (put back, not brought from the app). */
  byUndo?: boolean;
}

export interface FieldOriginGroup<T extends FieldOrigin> {
  key: string;
  app: AppId | null;
  syncRunId: string | null;
  editedByName: string | null;
  /** The group's latest time: a run writes its fields in one batch, a save in one transaction. */
  at: Date;
  byUndo: boolean;
  fields: T[];
}

/**
 * The client page's "Where each value came from", one line per origin instead of per field:
 * a first sync writes a dozen fields in one run, and eighteen rows each saying "from XPM in a
 * sync run" with the same link made 36 stops for the Tab key (a new user's trial). Fields
 * written by one run, by creating the client from one app, or by one person's save (the same
 * moment) share a line; the latest origin first; fields keep their order within it.
 */
export function groupFieldOrigins<T extends FieldOrigin>(fields: readonly T[]): FieldOriginGroup<T>[] {
  const groups = new Map<string, FieldOriginGroup<T>>();
  for (const field of fields) {
    const key = field.app ? `app:${field.app}:${field.syncRunId ?? 'created'}` : `edit:${field.editedByName ?? ''}:${field.at.toISOString()}`;
    const group = groups.get(key);
    if (group) {
      group.fields.push(field);
      if (field.at > group.at) group.at = field.at;
    } else {
      groups.set(key, { key, app: field.app, syncRunId: field.syncRunId, editedByName: field.editedByName, at: field.at, byUndo: field.byUndo === true, fields: [field] });
    }
  }
  return [...groups.values()].sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key));
}

/**
 * What a line says of its fields after its origin. The fields this line's own run changed are
 * listed under it with their values, so they are counted here, not named twice (the trial's
 * screenshot read every name twice); the others are named: "Website, Tax number; and 14 more,
 * changed as below." `changedHere`: whether this origin's run changed the field.
 */
export function originFieldsText(fields: readonly { label: string; changedHere: boolean }[]): string {
  const named = fields.filter((f) => !f.changedHere).map((f) => f.label);
  const changed = fields.length - named.length;
  if (changed === 0) return `${named.join(', ')}.`;
  const counted = `${changed} ${changed === 1 ? 'field' : 'fields'}, changed as below.`;
  return named.length === 0 ? counted : `${named.join(', ')}; and ${changed} more, changed as below.`;
}
