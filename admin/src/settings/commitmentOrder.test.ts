import { describe, expect, test } from 'vitest';
import { nextSortOrder, reorder } from './commitmentOrder.js';

const rows = (...orders: number[]) => orders.map((sortOrder, i) => ({ id: String.fromCharCode(97 + i), sortOrder }));

describe('reorder', () => {
  test('moving down swaps two well-spaced rows and touches only those two', () => {
    const updates = reorder(rows(10, 20, 30), 0, 1);
    expect(updates.map((u) => [u.row.id, u.sortOrder])).toEqual([
      ['b', 10],
      ['a', 20],
    ]);
  });

  test('rows that all share 0 (the server default) are renumbered in the new order', () => {
    const updates = reorder(rows(0, 0, 0), 2, -1);
    expect(updates.map((u) => [u.row.id, u.sortOrder])).toEqual([
      ['a', 10],
      ['c', 20],
      ['b', 30],
    ]);
  });

  test('the first row cannot go up nor the last down', () => {
    expect(reorder(rows(10, 20), 0, -1)).toEqual([]);
    expect(reorder(rows(10, 20), 1, 1)).toEqual([]);
  });

  test('a new commitment goes after the last', () => {
    expect(nextSortOrder([])).toBe(10);
    expect(nextSortOrder(rows(10, 40, 20))).toBe(50);
  });
});
