// The LLM proxy's one door: build a context from the server's parts, then a gateway over it (the /v1 handlers,
// their node:http mount, the engine contract's questions). Nothing in lib/gateway imports `next`.
export type { AuthenticatedToken } from './access/token-store';
export { createGatewayContext, type GatewayContext, type GatewayDependencies } from './context/context';
export { GatewayError } from './request/gateway-error';
export { createGateway, type Gateway } from './gateway';
export type { WebHandler } from './handlers';
export { createMediaFetcher, type MediaFetcher } from './media/safe-media-fetch';
export type { GatewayNodeListener } from './node-listener';
export type { GatewayRoute } from './routing/route-types';
export { readGatewaySettings, type GatewaySettings } from './context/settings';
export type { UpstreamCall, UpstreamReply, UpstreamSender } from './upstream/upstream-client';
// How a provider is called, for the admin's provider test.
export { redactKey } from './upstream/provider-key-health';
export { buildUpstreamHeaders } from './upstream/upstream-headers';
export { toTransportError } from './upstream/upstream-client';
export { buildUpstreamUrl, type UpstreamEndpoint } from './upstream/upstream-url';
export { parseProviderHosts, type ProviderHosts } from './routing/provider-hosts';
