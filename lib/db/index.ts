export { db, type Db } from './client';
export * from './generated/client';
export { isDatabaseUnavailable } from './unavailable';
export { findUnstorableText, isStorableText, toStorableJson, toStorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text';
