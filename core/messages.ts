/**
 * How long a message may be: what the API takes (api/conversations/schema.ts)
 * and what the chat widget and the inbox tell a person before they send, so
 * nobody's text is cut without a word.
 */

/** Longest text of one message (customer, agent or transcript line), in UTF-16 code units as zod and `maxLength` count. */
export const MAX_MESSAGE_LENGTH = 5000;
