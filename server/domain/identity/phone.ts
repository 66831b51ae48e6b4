/**
 * Mainland China mobile numbers: 11 digits starting 13-19. Accepts a +86 / 0086 / 86 prefix and
 * spaces or hyphens, and returns the 11 digits, or null when the input is not such a number.
 */
export function normaliseMobile(input: string): string | null {
  let s = input.replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

/** `138****5678`: the masked form shown unless a reveal is logged (Art. 26). */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}
