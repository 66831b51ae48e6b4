/** What other areas may place elsewhere (the dashboard, a case's reply box). */
export { MissingYearsWarning } from './MissingYearsWarning.js';
export { HighlightedText, PhraseCheck } from './PhraseCheck.js';
