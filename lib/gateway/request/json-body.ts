// Request bodies: read with a size cap, parsed once, and edited at the top level by splicing the raw text so a
// pass-through body reaches the upstream byte for byte except the edited fields (key order, number formats
// and whitespace survive; no re-serialization of megabytes of base64 images).
import { BodyTooLargeError, readBoundedText } from '../../http/bounded-body';
import { MAX_JSON_NESTING, scanJsonObject, type ValueRange } from '../../http/json-text';

export type JsonObject = Record<string, unknown>;

export type BodyProblem = { status: 400 | 413; message: string };

export class BodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(problem.message);
    this.name = 'BodyError';
  }
}

/** `members`: where each top-level value sits in `text`, found while checking the body, so edits need no rescan. */
export type ParsedBody = { text: string; json: JsonObject; members: Map<string, ValueRange> };

/** Reads at most maxBytes (413 beyond), then parses: 400 naming the problem for anything but a JSON object. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<ParsedBody> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === '') throw new BodyError({ status: 400, message: 'Request body is empty; expected a JSON object' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BodyError({ status: 400, message: `Request body is not valid JSON: ${(error as Error).message}` });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BodyError({ status: 400, message: 'Request body must be a JSON object' });
  }
  const { members, duplicate, depth } = scanJsonObject(text);
  // JSON.parse keeps the last of a repeated key, a provider may read the first: the checks here and the provider
  // must see one and the same request.
  if (duplicate !== null) throw new BodyError({ status: 400, message: `Request body repeats the key "${duplicate}"` });
  // Converting, estimating and storing walk the document recursively: a body nested thousands deep would overflow the stack.
  if (depth > MAX_JSON_NESTING) throw new BodyError({ status: 400, message: `Request body nests deeper than ${MAX_JSON_NESTING} levels` });
  return { text, json: json as JsonObject, members };
}

async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  try {
    return await readBoundedText(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BodyError({ status: 413, message: error.message });
    throw error;
  }
}
