/** Moved to `messages.ts`; this re-export stays only until `pipeline/run.ts` imports from there. */
export { messages as runMessages } from './messages.js';
