import { readFileSync } from 'node:fs';
import { holidayYears } from '../schema/db/calendar.js';
import type { Db } from '../server/db/client.js';
import { buildCalendar, type HolidayArrangement } from '../server/domain/calendar/calendar.js';

/**
 * The State Council's published holiday arrangements (a copy of shared/data/cn-public-holidays.json,
 * kept in the repository so a fresh clone has it). National reference data: every deployment gets
 * the years it lacks at start; years already loaded (perhaps corrected by a root admin) are kept.
 */
const FILE = new URL('./data/cn-public-holidays.json', import.meta.url);

export function publishedArrangements(): HolidayArrangement[] {
  const data = JSON.parse(readFileSync(FILE, 'utf8')) as { years: Record<string, Omit<HolidayArrangement, 'year'>> };
  const arrangements = Object.entries(data.years).map(([year, a]) => ({ year: Number(year), off: a.off, makeupWorkdays: a.makeupWorkdays }));
  buildCalendar({ arrangements }); // refuses a malformed file before anything is written
  return arrangements;
}

export async function ensureHolidayYears(db: Db): Promise<number[]> {
  const inserted = await db
    .insert(holidayYears)
    .values(
      publishedArrangements().map((a) => ({
        year: a.year,
        arrangement: { off: a.off, makeupWorkdays: a.makeupWorkdays },
        source: '国务院办公厅关于部分节假日安排的通知',
      })),
    )
    .onConflictDoNothing()
    .returning({ year: holidayYears.year });
  return inserted.map((r) => r.year);
}
