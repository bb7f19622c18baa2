import { formatPracticeDateTime, practiceRecentParts } from '@/lib/practice-time';

/** A moment, machine-readable in `dateTime` and shown in the practice's time zone (lib/practice-time). */
export function PracticeDateTime({ value, timezone }: { value: Date | string; timezone: string }) {
  return <time dateTime={new Date(value).toISOString()}>{formatPracticeDateTime(value, timezone)}</time>;
}

/**
 * When a list's row last changed: today's and yesterday's with their time, older ones by
 * date; the full moment on hover. `now` is the server render's, so server and browser agree.
 */
export function PracticeRecent({ value, timezone, now }: { value: Date | string; timezone: string; now: Date }) {
  const { day, time } = practiceRecentParts(value, timezone, now);
  return (
    <time dateTime={new Date(value).toISOString()} title={formatPracticeDateTime(value, timezone)}>
      {time ? (
        <>
          {day}, <span className="whitespace-nowrap">{time}</span>
        </>
      ) : (
        <span className="whitespace-nowrap">{day}</span>
      )}
    </time>
  );
}
