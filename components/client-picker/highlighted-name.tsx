/** The name with the matched ranges in bold (ranges come from the server's highlightRanges). */
export function HighlightedName({ name, ranges }: { name: string; ranges: readonly (readonly [number, number])[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > name.length) continue;
    if (start > at) parts.push(name.slice(at, start));
    parts.push(
      <mark key={start} className="bg-transparent font-semibold text-slate-950 underline decoration-brand-600 decoration-2 underline-offset-2">
        {name.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < name.length) parts.push(name.slice(at));
  return <>{parts}</>;
}
