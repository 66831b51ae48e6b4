import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CHECK_TEXT } from '../shared/phraseCheck.js';
import { PhraseCheck } from './PhraseCheck.js';
import { type GraphqlMock, renderWithAdmin } from './testing.js';

afterEach(cleanup);

const type = (text: string) => fireEvent.change(screen.getByTestId('phrase-check-input'), { target: { value: text } });

/** What the server answers for a text, for the phrase 不知道. */
const answer = (text: string) => {
  const at = text.indexOf('不知道');
  return at < 0 ? { checkText: { ok: true, hits: [] } } : { checkText: { ok: false, hits: [{ start: at, end: at + 3, phrase: '不知道', excerpt: '不知道' }] } };
};

describe('PhraseCheck', () => {
  test('checks a moment after typing stops, once, and marks the phrase found', async () => {
    const graphql: GraphqlMock = vi.fn(async (_doc, vars) => answer(String(vars?.text)));
    renderWithAdmin(<PhraseCheck />, { graphql });
    type('这');
    type('这个');
    type('这个我不知道啊');
    const marks = await screen.findAllByText('不知道', { selector: 'mark' });
    expect(marks).toHaveLength(1);
    expect(marks[0]!.getAttribute('data-phrase')).toBe('不知道');
    expect(screen.getByTestId('phrase-check-preview').textContent).toBe('这个我不知道啊');
    expect(screen.getByTestId('phrase-check-hits').textContent).toContain('不知道');
    // Debounced: only the last draft went to the server.
    expect(graphql).toHaveBeenCalledTimes(1);
    expect(graphql).toHaveBeenCalledWith(CHECK_TEXT, { text: '这个我不知道啊' });
  });

  test('a clean text says so', async () => {
    const graphql: GraphqlMock = vi.fn(async (_doc, vars) => answer(String(vars?.text)));
    renderWithAdmin(<PhraseCheck />, { graphql });
    type('您好，请稍候');
    await screen.findByTestId('phrase-check-ok');
    expect(screen.queryByTestId('phrase-check-preview')).toBeNull();
  });

  test('a late answer for an earlier draft never replaces the answer for the current one', async () => {
    let releaseFirst!: () => void;
    const graphql: GraphqlMock = vi.fn(async (_doc, vars) => {
      const text = String(vars?.text);
      if (text === '我不知道') await new Promise<void>((r) => (releaseFirst = r));
      return answer(text);
    });
    renderWithAdmin(<PhraseCheck />, { graphql });
    type('我不知道');
    await waitFor(() => expect(graphql).toHaveBeenCalledTimes(1));
    type('我来查一下');
    await screen.findByTestId('phrase-check-ok');
    releaseFirst();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('phrase-check-hits')).toBeNull();
    expect(screen.getByTestId('phrase-check-ok')).toBeTruthy();
  });
});
