import { formatPracticeDate, formatPracticeDateTime } from '@/lib/practice-time';

/** A moment, machine-readable in `dateTime` and shown in the practice's time zone (lib/practice-time). */
export function PracticeDateTime({ value, timezone }: { value: Date | string; timezone: string }) {
  return <time dateTime={new Date(value).toISOString()}>{formatPracticeDateTime(value, timezone)}</time>;
}

/** The practice's calendar day of a moment. */
export function PracticeDate({ value, timezone }: { value: Date | string; timezone: string }) {
  return <time dateTime={new Date(value).toISOString()}>{formatPracticeDate(value, timezone)}</time>;
}
