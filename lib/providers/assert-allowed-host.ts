import { badRequest } from '../errors';
import type { ProviderHosts } from '../gateway';

/** A create or update naming a host outside AXONGATE_PROVIDER_HOSTS is refused on the api_url field. */
export function assertAllowedHost(apiUrl: string, providerHosts: ProviderHosts): void {
  if (providerHosts.allowsUrl(apiUrl)) return;
  const message = `api_url: the host ${new URL(apiUrl).host} is not among the allowed provider hosts (AXONGATE_PROVIDER_HOSTS: ${providerHosts.setting})`;
  throw badRequest(message, [{ field: 'api_url', message }]);
}
