import type { GatewayContext } from './context/context';
import { Exchange } from './relay/exchange';
import { answerError } from './proxy-request';
import { GatewayError } from './request/gateway-error';

// GET /v1/responses/{id}, DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items for the responses this
// gateway kept (those of converted routes). A native route's responses are kept by its provider, which the gateway
// cannot tell from an id alone: those ids answer 404 here.

const PATH = /^\/v1\/responses\/([^/]+)(\/input_items)?$/;

export async function answerStoredResponseRequest(context: GatewayContext, request: Request): Promise<Response> {
  const exchange = new Exchange(context, 'openai', false);
  try {
    const token = await context.tokens.authenticate(request.headers);
    const url = new URL(request.url);
    const [, rawId, inputItems] = PATH.exec(url.pathname) ?? [];
    const id = decodeURIComponent(rawId ?? '');
    const notFound = () => new GatewayError(404, `No response with id '${id}' found.`, 'response_not_found');
    if (request.method === 'DELETE' && !inputItems) {
      if (!(await context.storedResponses.delete(id, token.id))) throw notFound();
      return Response.json({ id, object: 'response', deleted: true }, { headers: exchange.responseHeaders() });
    }
    const stored = await context.storedResponses.find(id, token.id);
    if (!stored) throw notFound();
    if (!inputItems) return Response.json(stored.response, { headers: exchange.responseHeaders() });
    // Newest first unless asked otherwise, as OpenAI lists them; the items keep the ids the client gave them.
    const items = url.searchParams.get('order') === 'asc' ? stored.conversation : [...stored.conversation].reverse();
    const ids = items.map((item) => (item as { id?: string }).id ?? null);
    return Response.json({ object: 'list', data: items, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null, has_more: false }, { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}
