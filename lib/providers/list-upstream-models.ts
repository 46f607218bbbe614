import 'server-only';
import { lookupCatalogue, type CataloguePrices } from '../catalogue';
import { AppError, badRequest, notFound } from '../errors';
import { db, isStorableText } from '../db';
import { toTransportError, type ProviderHosts } from '../gateway';
import { readProviderErrorMessage, sanitiseProviderMessage } from './provider-error-message';
import { callProvider, openFirstProviderKey } from './provider-call';
import { toProviderDto } from './to-provider-dto';

export type UpstreamModelDto = {
  /** The provider's own model id: the provider_model_name of a route to it. */
  id: string;
  /** The catalogue's prices per 1M (USD), null when it does not price the model. */
  catalogue_prices: CataloguePrices | null;
  /** Names of the routes that already call this provider model on this provider. */
  routed_as: string[];
};

/** Most models an import lists: a provider's list is cut there rather than flooding the page. */
const MAX_LISTED = 1000;

/**
 * "Import models": the provider's own GET /v1/models (OpenAI and Anthropic answer `{data: [{id}]}`), each with
 * what the catalogue knows of it. 502 with the provider's sanitised message when it refuses or cannot be reached.
 */
export async function listUpstreamModels({ id, providerHosts }: { id: number; providerHosts: ProviderHosts }): Promise<{ models: UpstreamModelDto[] }> {
  const row = await db.provider.findUnique({ where: { id } });
  if (!row) throw notFound(`provider ${id}`);
  const provider = toProviderDto(row);
  if (!providerHosts.allowsUrl(provider.api_url)) {
    throw badRequest(`not called: the host of ${provider.api_url} is not among the allowed provider hosts (AXONGATE_PROVIDER_HOSTS)`);
  }
  const apiKey = await openFirstProviderKey(id);
  let answer;
  try {
    answer = await callProvider(provider, apiKey, '/v1/models');
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'no response before the timeout' : toTransportError(error).message;
    throw new AppError(502, `${provider.api_url} could not be reached: ${reason}`);
  }
  if (answer.status < 200 || answer.status >= 300) {
    const reason = answer.text === null ? null : readProviderErrorMessage(answer.text);
    const message = reason === null ? '' : sanitiseProviderMessage(reason, apiKey);
    throw new AppError(502, `The provider's model list answered HTTP ${answer.status}${message ? `: ${message}` : ''}`);
  }
  const ids = readModelIds(answer.text);
  if (ids === null) throw new AppError(502, "The provider's model list is not a {data: [{id}]} JSON object");
  const routes = await db.aiModel.findMany({ where: { providerId: id, providerModelName: { in: ids } }, select: { name: true, providerModelName: true } });
  return {
    models: ids.map((modelId) => ({
      id: modelId,
      catalogue_prices: lookupCatalogue({ type: provider.model_type, apiUrl: provider.api_url }, modelId)?.prices ?? null,
      routed_as: routes.filter((route) => route.providerModelName === modelId).map((route) => route.name),
    })),
  };
}

function readModelIds(text: string | null): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  const ids = data
    .map((entry) => (entry as { id?: unknown } | null)?.id)
    .filter((modelId): modelId is string => typeof modelId === 'string' && modelId.length > 0 && modelId.length <= 200 && isStorableText(modelId));
  return [...new Set(ids)].slice(0, MAX_LISTED);
}
