import type { ModuleMessages } from '../messages.js';

const messages: ModuleMessages = { zhCN: {}, en: {} };
export default messages;
