export interface Hit {
  start: number;
  end: number;
  phrase: string;
}

export interface Segment {
  text: string;
  /** The forbidden phrases this piece belongs to; empty for clean text. */
  phrases: string[];
}

/**
 * Cuts a text into clean and flagged pieces from checkText's hits (UTF-16 offsets, end exclusive;
 * hits may overlap, e.g. "不知道" inside "我不知道"): overlapping hits become one flagged piece
 * naming every phrase in it. Hits outside the text (a stale answer for a longer draft) are clipped.
 */
export function highlightSegments(text: string, hits: readonly Hit[]): Segment[] {
  const ranges = hits
    .map((h) => ({ start: Math.max(0, Math.min(h.start, text.length)), end: Math.max(0, Math.min(h.end, text.length)), phrase: h.phrase }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; phrases: string[] }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      if (!last.phrases.includes(r.phrase)) last.phrases.push(r.phrase);
    } else merged.push({ start: r.start, end: r.end, phrases: [r.phrase] });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ text: text.slice(at, m.start), phrases: [] });
    out.push({ text: text.slice(m.start, m.end), phrases: m.phrases });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), phrases: [] });
  return out;
}
