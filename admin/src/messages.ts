/** A module's messages: the same keys in both languages (i18n.test.ts checks the merged trees). */
export type MessageTree = { [key: string]: string | MessageTree };
/**
 * A server text (the server speaks English) the module knows how to say: a pattern, the message
 * key (with its placeholders) and the placeholders' values from the match.
 */
export type ServerMessagePattern = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];

export interface ModuleMessages {
  zhCN: MessageTree;
  en: MessageTree;
  /** Server texts this module's screens meet, translated wherever they show (fields and notices). */
  server?: ServerMessagePattern[];
}
