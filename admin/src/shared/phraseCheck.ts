import { useEffect, useRef, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';

/** The same check every public text goes through on save (Art. 23), for a draft. */
export const CHECK_TEXT = `query CheckText($text: String!, $tenantId: ID) { checkText(text: $text, tenantId: $tenantId) { ok hits { phrase start end excerpt } } }`;

export interface PhraseHit {
  phrase: string;
  start: number;
  end: number;
  excerpt: string;
}

export interface CheckResult {
  /** The text the answer is for: a later draft is not judged by an earlier answer. */
  text: string;
  ok: boolean;
  hits: PhraseHit[];
}

/** The pause after the last keystroke before asking the server. */
export const CHECK_DELAY_MS = 400;

/**
 * Checks a draft against the forbidden phrases that apply to the viewer's tenant (its own and its
 * ancestors'), a moment after typing stops. Only the answer for the latest draft is kept, whatever
 * order the answers arrive in. `checking` while a non-empty draft has no answer yet; a failed
 * check is `error` (the server checks again on save).
 */
export function usePhraseCheck(text: string, delay = CHECK_DELAY_MS) {
  const dp = useDataProvider<TianpingDataProvider>();
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<{ text: string; message: string } | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const seq = ++latest.current;
    if (!text.trim()) return;
    const timer = setTimeout(() => {
      dp.graphql<{ checkText: { ok: boolean; hits: PhraseHit[] } }>(CHECK_TEXT, { text })
        .then((data) => {
          if (seq === latest.current) setResult({ text, ok: data.checkText.ok, hits: data.checkText.hits });
        })
        .catch((err: Error) => {
          if (seq === latest.current) setError({ text, message: err.message });
        });
    }, delay);
    return () => clearTimeout(timer);
  }, [dp, text, delay]);
  const current = text.trim() && result?.text === text ? result : null;
  const failed = text.trim() && error?.text === text ? error.message : null;
  return { result: current, checking: !!text.trim() && !current && !failed, error: failed };
}
