import { describe, expect, test } from 'vitest';
import { highlightSegments } from './highlight.js';

describe('highlightSegments', () => {
  test('clean text is one clean piece', () => {
    expect(highlightSegments('您好，请稍候', [])).toEqual([{ text: '您好，请稍候', phrases: [] }]);
  });

  test('a hit in the middle splits the text in three', () => {
    const text = '这个我不知道啊';
    expect(highlightSegments(text, [{ start: 3, end: 6, phrase: '不知道' }])).toEqual([
      { text: '这个我', phrases: [] },
      { text: '不知道', phrases: ['不知道'] },
      { text: '啊', phrases: [] },
    ]);
  });

  test('overlapping hits are one piece naming both phrases; hits at the edges leave no empty pieces', () => {
    const text = '不归我们管不知道';
    const segs = highlightSegments(text, [
      { start: 5, end: 8, phrase: '不知道' },
      { start: 0, end: 5, phrase: '不归我们管' },
      { start: 2, end: 4, phrase: '我们' },
    ]);
    expect(segs).toEqual([
      { text: '不归我们管', phrases: ['不归我们管', '我们'] },
      { text: '不知道', phrases: ['不知道'] },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  test('offsets past the end of a shorter draft are clipped, never thrown', () => {
    expect(highlightSegments('不知', [{ start: 0, end: 3, phrase: '不知道' }, { start: 5, end: 8, phrase: 'x' }])).toEqual([{ text: '不知', phrases: ['不知道'] }]);
  });
});
