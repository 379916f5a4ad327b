/**
 * The assistant engine as the browser uses it: answer a message with a
 * compiled model. Build-time pieces (compileModel, the rules schema, the
 * content reader, calibration) are imported from their own modules, so the
 * widget's bundle carries neither zod nor yaml.
 */
export { answer, closestPhrasingOf, confidenceOf, INITIAL_STATE, loadModel, rank } from './answer.ts';
export type { AssistantModel, Candidate, ConversationState, ModelArticle, Reply, Thresholds, Why } from './model.ts';
