/**
 * What an uncontrolled form holds, as one string: equal snapshots mean nothing was changed
 * (useUnsavedChangesGuard asks before leaving only when they differ). Entries keep their
 * order, so moved or removed rows differ too; `ignore` names bookkeeping fields (a version)
 * that are not anything the person typed. Files count by name and size only.
 */
export function formSnapshot(form: FormData, ignore: readonly string[] = []): string {
  const entries: [string, string][] = [];
  for (const [name, value] of form.entries()) {
    if (ignore.includes(name)) continue;
    entries.push([name, typeof value === 'string' ? value : `file:${value.name}:${value.size}`]);
  }
  return JSON.stringify(entries);
}
