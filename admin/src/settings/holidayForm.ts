export interface RangeRow {
  name: string;
  from: string;
  to: string;
}

export interface HolidayYearInput {
  year: number;
  version?: number;
  source?: string;
  off: RangeRow[];
  makeupWorkdays: string[];
}

/** Make-up workdays typed as a list: separated by commas, spaces, 、 or new lines. */
export const parseDays = (text: string): string[] =>
  text
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/**
 * The input for setHolidayArrangement from the dialog's rows, every row kept so the server's paths
 * (`off.1.to`) point at the row on screen; the version only when replacing a loaded year (the
 * server wants it then, and refuses a stale one).
 */
export function arrangementInput(year: number, rows: RangeRow[], makeupText: string, source: string, version?: number): HolidayYearInput {
  const off = rows.map((r) => ({ name: r.name.trim(), from: r.from, to: r.to }));
  return {
    year,
    ...(version ? { version } : {}),
    ...(source.trim() ? { source: source.trim() } : {}),
    off,
    makeupWorkdays: parseDays(makeupText),
  };
}

/** Days between two civil dates, both included (for "3 days off"); 0 if the range is backwards. */
export function daysIn(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}
