// The one way the admin pages talk to /api/v1: SWR reads through `fetcher`, writes through `apiRequest`. Both
// unwrap the `{code, message, data}` envelope and throw an ApiError carrying the status, the envelope's message
// and its field errors, so every page shows the server's own words.

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Envelope<T> = { code: number; message: string; data?: T; errors?: FieldError[] };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached');
  }
  return readEnvelope<T>(response);
}

export function fetcher<T>(path: string): Promise<T> {
  return apiRequest<T>('GET', path);
}

async function readEnvelope<T>(response: Response): Promise<T> {
  const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
  if (!response.ok || !envelope || envelope.code !== 0) {
    const message = envelope?.message || `Request failed with status ${response.status}`;
    throw new ApiError(response.status, message, envelope?.errors ?? []);
  }
  return envelope.data as T;
}

/** A path with its query string; empty values are left out so the server applies its defaults. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
