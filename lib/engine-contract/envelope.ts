// The original backend's engine envelope: `{code, success, message, data}`, code 0 on success.

export class EngineContractError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EngineContractError';
  }
}

export function engineOk(data: unknown): Response {
  return Response.json({ code: 0, success: true, message: 'ok', data });
}

export function engineError(status: number, message: string): Response {
  return Response.json({ code: status, success: false, message, data: null }, { status });
}
