/**
 * Times typed into a `datetime-local` input are Beijing time (Asia/Shanghai, UTC+8 all year, no
 * daylight saving), whatever the browser's zone: the bureau's clocks, not the viewer's.
 */
export function shanghaiInputToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/.exec(value);
  if (!m) return null;
  return new Date(`${m[1]}T${m[2]}:00+08:00`).toISOString();
}

/** Now, as a `datetime-local` value in Beijing time. */
export function shanghaiInputNow(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
