import type { CountNote } from '@/lib/sync/runs/count-notes';

/** The notes under a run's or a preview's counts (lib/sync/runs/count-notes.ts); nothing when there are none. */
export function CountNoteList({ notes, testId }: { notes: CountNote[]; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1 text-sm text-slate-700" aria-label="What the counts mean" data-testid={testId}>
      {notes.map((note) => (
        <li key={note.key}>{note.text}</li>
      ))}
    </ul>
  );
}
