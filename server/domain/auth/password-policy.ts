/** Returns why a new password is unacceptable, or null. The password itself is never echoed. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters';
  if (password.length > 128) return 'must be at most 128 characters';
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) {
    return 'must contain letters and at least one digit or symbol';
  }
  if (/^(.)\1+$/.test(password)) return 'must not repeat one character';
  return null;
}

/** Usernames: lowercase letters, digits, dot, underscore, hyphen; compared case-insensitively. */
export function usernameProblem(username: string): string | null {
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/i.test(username)) {
    return 'must be 3-40 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit';
  }
  return null;
}

export const usernameKey = (username: string) => username.trim().toLowerCase();
