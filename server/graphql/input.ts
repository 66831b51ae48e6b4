/** Drops null input fields: in update inputs GraphQL null means "not given", like an absent field. */
export function given<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as never;
}
