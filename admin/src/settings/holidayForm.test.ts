import { describe, expect, test } from 'vitest';
import { arrangementInput, daysIn, parseDays } from './holidayForm.js';

describe('the holiday year form', () => {
  test('make-up workdays may be separated by commas, 、, spaces or lines', () => {
    expect(parseDays('2027-02-07, 2027-02-20、2027-04-25\n2027-09-26  ')).toEqual(['2027-02-07', '2027-02-20', '2027-04-25', '2027-09-26']);
    expect(parseDays('  ')).toEqual([]);
  });

  test('every row is sent (server paths like off.1.to point at the row on screen); version only when replacing', () => {
    const rows = [
      { name: ' 元旦 ', from: '2027-01-01', to: '2027-01-03' },
      { name: '', from: '', to: '' },
    ];
    expect(arrangementInput(2027, rows, '2027-01-04', '', undefined)).toEqual({
      year: 2027,
      off: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '', from: '', to: '' },
      ],
      makeupWorkdays: ['2027-01-04'],
    });
    expect(arrangementInput(2026, rows.slice(0, 1), '', ' 国办发明电〔2025〕 ', 3)).toMatchObject({ version: 3, source: '国办发明电〔2025〕' });
  });

  test('days in a range, both ends included', () => {
    expect(daysIn('2026-10-01', '2026-10-07')).toBe(7);
    expect(daysIn('2026-02-28', '2026-03-01')).toBe(2);
    expect(daysIn('2026-10-07', '2026-10-01')).toBe(0);
  });
});
