/** A name with the parts the other side shares marked, so the eye finds the overlap. */
export function HighlightedName({ name, highlight }: { name: string; highlight: readonly (readonly [number, number])[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of highlight) {
    if (start > at) parts.push({ text: name.slice(at, start), marked: false });
    parts.push({ text: name.slice(start, end), marked: true });
    at = end;
  }
  if (at < name.length) parts.push({ text: name.slice(at), marked: false });
  return (
    <span className="font-medium break-words text-slate-900">
      {parts.map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-sm bg-amber-100 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
