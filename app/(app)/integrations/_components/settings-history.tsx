import { Card } from '@/components/ui/card';
import type { SettingsHistoryEntry } from '@/lib/dal/sync-settings';
import { CAPABILITIES, appName } from '@/lib/sync/rules';
import { causeLabel, fieldLabel, settingValueLabel } from '@/lib/sync/settings-plan';
import { PracticeDateTime } from '@/components/ui/practice-time';
import { TableScroll } from '@/components/ui/table-scroll';
import { InlineArrow } from '@/components/ui/inline-arrow';

/** Every change to sync settings: who, which setting, from → to, when and why. */
export function SettingsHistory({ entries, timezone }: { entries: SettingsHistoryEntry[]; timezone: string }) {
  return (
    <Card aria-labelledby="settings-history-title" className="mt-6" data-testid="settings-history">
      <h2 id="settings-history-title" className="text-lg font-semibold">
        Sync settings history
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Every change to Sync data and Sync direction, newest first, including those made by connecting, disconnecting, switching the source and applying the recommended setup.
      </p>
      {entries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700">No changes yet. Settings changes appear here once an app is connected.</p>
      ) : (
        <>
          {/* On a phone each change is a short card: the table's Change and Why, the columns that matter, were off screen with nothing to say the table scrolled (trial). */}
          <ul className="mt-4 divide-y divide-slate-100 md:hidden" aria-label="Sync settings changes, newest first" data-testid="settings-history-cards">
            {entries.map((entry) => (
              <li key={entry.id} className="py-3 text-sm">
                <p>
                  <span className="font-medium">{appName(CAPABILITIES, entry.app)}</span> {settingLabel(entry)}: <SettingChange entry={entry} />
                </p>
                <p className="mt-0.5 text-slate-700">{causeLabel(entry.cause)}</p>
                <p className="mt-0.5 text-slate-600">
                  {entry.who ?? 'Practice Sync'} · <PracticeDateTime value={entry.at} timezone={timezone} />
                </p>
              </li>
            ))}
          </ul>
          <TableScroll label="Sync settings changes" className="mt-4 hidden md:block">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Sync settings changes, newest first</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-600">
                <tr>
                  {['When', 'Who', 'Setting', 'Change', 'Why'].map((label) => (
                    <th key={label} scope="col" className={label === 'Why' ? 'py-2 font-medium' : 'py-2 pr-4 font-medium'}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-700">
                      <PracticeDateTime value={entry.at} timezone={timezone} />
                    </td>
                    <td className="py-2 pr-4">{entry.who ?? 'Practice Sync'}</td>
                    <td className="py-2 pr-4">
                      <span className="font-medium">{appName(CAPABILITIES, entry.app)}</span> {settingLabel(entry)}
                    </td>
                    <td className="py-2 pr-4">
                      <SettingChange entry={entry} />
                    </td>
                    <td className="py-2 text-slate-700">{causeLabel(entry.cause)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </Card>
  );
}

const settingOf = (entry: SettingsHistoryEntry) => (entry.field === 'sync_data' ? 'sync_data' : 'sync_direction');

/** "Sync data" / "Sync direction". */
function settingLabel(entry: SettingsHistoryEntry): string {
  return fieldLabel(settingOf(entry));
}

/**
 * "Nothing → Everything", the arrow read as "to". A setting made on connecting had no value
 * before: "—" is seen, "Not set" is heard (a screen reader read "dash to From Gusto").
 */
function SettingChange({ entry }: { entry: SettingsHistoryEntry }) {
  const before = settingValueLabel(CAPABILITIES, entry.app, settingOf(entry), entry.before);
  return (
    <>
      {entry.before === null ? (
        <>
          <span aria-hidden>{before}</span>
          <span className="sr-only">Not set</span>
        </>
      ) : (
        before
      )}{' '}
      <InlineArrow /> <span className="sr-only"> to </span>
      <span className="font-medium">{settingValueLabel(CAPABILITIES, entry.app, settingOf(entry), entry.after)}</span>
    </>
  );
}
