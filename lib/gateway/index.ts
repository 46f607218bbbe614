// The LLM proxy's public surface: one web Request → web Response function per /v1 endpoint, cache
// invalidation for the admin data functions, and shutdown hooks. Nothing here imports `next`.
export {
  handleChatCompletions,
  handleCountTokens,
  handleEmbeddings,
  handleMessages,
  handleModels,
  handleResponses,
} from './handlers';
export { ensureCacheListener, invalidateGatewayCaches, stopCacheListener, type CacheScope } from './cache-invalidation';
export { closeUpstreamAgent } from './upstream-client';
