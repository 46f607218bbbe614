import { readBearer } from '../../http/bearer';

/** The gateway token a client sent: `Authorization: Bearer <token>` or the Anthropic SDK's `x-api-key`. */
export function readClientToken(headers: Headers): string | null {
  const bearer = readBearer(headers);
  if (bearer) return bearer;
  const apiKey = headers.get('x-api-key');
  return apiKey ? apiKey.trim() : null;
}
