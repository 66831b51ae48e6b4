import { offsetToCursor } from '@pothos/plugin-relay';
import { expect, test } from 'vitest';
import { connectionFrom, pageFor } from './pagination.js';

test('first/after', () => {
  expect(pageFor({ first: 10 }, 100)).toEqual({ offset: 0, limit: 10, backwards: false });
  expect(pageFor({ first: 10, after: offsetToCursor(9) }, 100)).toEqual({ offset: 10, limit: 10, backwards: false });
  expect(pageFor({}, 100).limit).toBe(20);
});

test('last/before', () => {
  expect(pageFor({ last: 5, before: offsetToCursor(12) }, 100)).toEqual({ offset: 7, limit: 5, backwards: true });
  expect(pageFor({ last: 50, before: offsetToCursor(3) }, 100)).toEqual({ offset: 0, limit: 3, backwards: true });
});

test('sizes out of 1..max and bad cursors name the argument', () => {
  for (const [args, field] of [
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ last: -1 }, 'last'],
    [{ after: 'nope' }, 'after'],
  ] as const) {
    expect(() => pageFor(args, 100)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', fields: expect.objectContaining({ [field]: expect.any(String) }) }));
  }
});

test('connectionFrom', () => {
  const c = connectionFrom(['a', 'b', 'c'], { offset: 4, limit: 2, backwards: false }, 10);
  expect(c.edges.map((e) => e.node)).toEqual(['a', 'b']);
  expect(c.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true, startCursor: offsetToCursor(4), endCursor: offsetToCursor(5) });
  expect(c.totalCount).toBe(10);
});
