import type { FieldError } from '../errors';

// The original's response envelope: `code` is 0 on success, the HTTP status on failure.
export type SuccessEnvelope<T> = { code: 0; message: 'ok'; data: T };
export type ErrorEnvelope = { code: number; message: string; errors?: FieldError[] };

export function okResponse<T>(data: T, status = 200): Response {
  const body: SuccessEnvelope<T> = { code: 0, message: 'ok', data };
  return Response.json(body, { status });
}

export function errorResponse(status: number, message: string, errors?: FieldError[], headers?: HeadersInit): Response {
  const body: ErrorEnvelope = errors?.length ? { code: status, message, errors } : { code: status, message };
  return Response.json(body, { status, headers });
}
