import type { GatewayContext } from './context/context';
import { Exchange } from './relay/exchange';
import { answerError } from './proxy-request';
import { GatewayError } from './request/gateway-error';
import { isModelAllowed } from './access/allowed-models';
import type { AuthenticatedToken } from './access/token-store';
import { servesResponsesNatively } from './relay/translation';

// GET /v1/responses/{id}, DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items. The responses this
// gateway kept (those of converted routes) are answered from its store. Any other id may be a native route's, kept
// by its provider: the providers of the native Responses routes this token may use are asked in turn (one key
// each), and the first answer that is not a 404 is the client's, byte for byte.

const PATH = /^\/v1\/responses\/([^/]+)(\/input_items)?$/;

export async function answerStoredResponseRequest(context: GatewayContext, request: Request): Promise<Response> {
  const exchange = new Exchange(context, 'openai', false);
  try {
    const token = await context.tokens.authenticate(request.headers);
    const url = new URL(request.url);
    const [, rawId, inputItems] = PATH.exec(url.pathname) ?? [];
    const id = decodeURIComponent(rawId ?? '');
    const notFound = () => new GatewayError(404, `No response with id '${id}' found.`, 'response_not_found');
    if (request.method === 'DELETE' && !inputItems && (await context.storedResponses.delete(id, token.id))) {
      return Response.json({ id, object: 'response', deleted: true }, { headers: exchange.responseHeaders() });
    }
    const stored = request.method === 'DELETE' ? null : await context.storedResponses.find(id, token.id);
    if (!stored) {
      const fromProvider = await askNativeProviders(context, request, token, url.pathname as `/v1/responses/${string}`, exchange);
      if (fromProvider) return fromProvider;
      throw notFound();
    }
    if (!inputItems) return Response.json(stored.response, { headers: exchange.responseHeaders() });
    // Newest first unless asked otherwise, as OpenAI lists them; the items keep the ids the client gave them.
    const items = url.searchParams.get('order') === 'asc' ? stored.conversation : [...stored.conversation].reverse();
    const ids = items.map((item) => (item as { id?: string }).id ?? null);
    return Response.json({ object: 'list', data: items, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null, has_more: false }, { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}

async function askNativeProviders(
  context: GatewayContext,
  request: Request,
  token: AuthenticatedToken,
  endpoint: `/v1/responses/${string}`,
  exchange: Exchange,
): Promise<Response | null> {
  const asked = new Set<number>();
  for (const model of await context.routes.listPublicModels()) {
    if (!isModelAllowed(token, model.name)) continue;
    for (const route of await context.routes.resolve(model.name)) {
      if (!servesResponsesNatively(route) || asked.has(route.provider.id)) continue;
      asked.add(route.provider.id);
      try {
        const reply = await exchange.awaitUpstream(
          context.upstream.send({ route, endpoint: `${endpoint}${new URL(request.url).search}` as typeof endpoint, method: request.method as 'GET' | 'DELETE', clientHeaders: request.headers, signal: request.signal }),
        );
        const body = await exchange.awaitUpstream(reply.body.text());
        if (reply.status !== 404) return new Response(body, { status: reply.status, headers: { ...exchange.responseHeaders(), 'content-type': 'application/json' } });
      } catch {
        // An unreachable provider cannot know the id; the next one is asked.
      }
    }
  }
  return null;
}
