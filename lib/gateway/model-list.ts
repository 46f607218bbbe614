import { toAnthropicModel, toAnthropicModelPage, toOpenAIModel, toOpenAIModelList } from '../protocol/model-list';
import { isModelAllowed } from './access/allowed-models';
import type { GatewayContext } from './context/context';
import { Exchange } from './relay/exchange';
import { answerError } from './proxy-request';
import { GatewayError } from './request/gateway-error';

// GET /v1/models – the models this token may use: OpenAI's list shape, or Anthropic's (newest first, with
// cursor paging) when the request carries `anthropic-version`, or an x-api-key without a Bearer header.

export async function listModels(context: GatewayContext, request: Request): Promise<Response> {
  const anthropicShape = wantsAnthropicShape(request.headers);
  const exchange = new Exchange(context, anthropicShape ? 'anthropic' : 'openai', false);
  try {
    const token = await context.tokens.authenticate(request.headers);
    const models = (await context.routes.listPublicModels()).filter((model) => isModelAllowed(token, model.name));
    const body = anthropicShape ? toAnthropicModelPage(models, new URL(request.url).searchParams) : toOpenAIModelList(models);
    return Response.json(body, { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}

/** GET /v1/models/{id} – one model the token may use, in the client's shape; 404 in that shape otherwise. */
export async function retrieveModel(context: GatewayContext, request: Request): Promise<Response> {
  const anthropicShape = wantsAnthropicShape(request.headers);
  const exchange = new Exchange(context, anthropicShape ? 'anthropic' : 'openai', false);
  try {
    const token = await context.tokens.authenticate(request.headers);
    const id = readModelId(new URL(request.url).pathname);
    const model = (await context.routes.listPublicModels()).find((candidate) => candidate.name === id);
    if (!model || !isModelAllowed(token, model.name)) throw new GatewayError(404, `The model "${id}" does not exist or is not available to this key`, 'model_not_found');
    return Response.json(anthropicShape ? toAnthropicModel(model) : toOpenAIModel(model), { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}

/** The id after `/v1/models/`, decoded: model names may hold slashes (`openai/gpt-5`) and encoded characters. */
function readModelId(pathname: string): string {
  const raw = pathname.slice('/v1/models/'.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new GatewayError(400, 'The model id in the path is not valid percent-encoding', 'invalid_request');
  }
}

export function wantsAnthropicShape(headers: Headers): boolean {
  if (headers.has('anthropic-version')) return true;
  return headers.has('x-api-key') && !headers.has('authorization');
}
