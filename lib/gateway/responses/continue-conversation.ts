import { spliceTopLevel, findTopLevelValues } from '../../http/json-text';
import type { ResponsesInputItem, ResponsesResponse } from '../../protocol/responses/types';
import { GatewayError } from '../request/gateway-error';
import type { ParsedBody } from '../request/json-body';
import type { StoredResponses } from './stored-responses';

// previous_response_id on a route that does not keep responses itself: the stored conversation, the stored answer
// and the new input become the request's whole input, which any converter carries. An id this token never stored
// is left for a native Responses route, whose provider may know it; without one it is a 404.

export type Continuation = {
  body: ParsedBody;
  /** Keeps the answer for the next turn (the request did not say store: false); converted routes call it. */
  keepResponse?: (response: ResponsesResponse) => void;
};

export async function continueConversation(
  store: StoredResponses,
  body: ParsedBody,
  userTokenId: number,
  canAskProvider: boolean,
): Promise<Continuation> {
  const previousId = body.json.previous_response_id;
  let conversation = inputItems(body.json.input);
  let continued = body;
  if (typeof previousId === 'string' && previousId !== '') {
    const previous = await store.find(previousId, userTokenId);
    if (!previous) {
      if (canAskProvider) return { body };
      throw new GatewayError(404, `Previous response with id '${previousId}' not found.`, 'response_not_found');
    }
    conversation = [...previous.conversation, ...(previous.response.output as ResponsesInputItem[]), ...conversation];
    const text = spliceTopLevel(body.text, { input: JSON.stringify(conversation), previous_response_id: 'null' }, body.members);
    continued = { text, json: { ...body.json, input: conversation, previous_response_id: null }, members: findTopLevelValues(text) };
  }
  if (body.json.store === false) return { body: continued };
  return { body: continued, keepResponse: (response) => store.save(userTokenId, conversation, response) };
}

function inputItems(input: unknown): ResponsesInputItem[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? (input as ResponsesInputItem[]) : [];
}
