/** A module's messages: the same keys in both languages (i18n.test.ts checks the merged trees). */
export type MessageTree = { [key: string]: string | MessageTree };
export interface ModuleMessages {
  zhCN: MessageTree;
  en: MessageTree;
}
