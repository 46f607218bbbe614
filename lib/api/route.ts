import type { z } from 'zod';
import { authenticateRequest } from '../auth/authenticate-request';
import type { SessionUser } from '../auth/session-user';
import { can } from '../rbac';
import { errorResponse, okResponse } from './envelope';
import { AppError, badRequest, forbidden, unauthorized, type FieldError } from './errors';
import { Prisma } from '../db';
import { appErrorFromPrisma } from './prisma-errors';

// The one wrapper every /api/v1 route handler goes through: authenticate (bearer or cookie), authorize
// (casbin on path + method), validate (zod), and answer in the `{code, message, data}` envelope.

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

type RouteOptions<B, Q> = { body?: B; query?: Q };

export type RouteInput<B, Q, U> = {
  req: Request;
  user: U;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Record<string, string>;
};

type Handler<B, Q, U> = (input: RouteInput<B, Q, U>) => unknown;
export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

export function apiRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: Handler<B, Q, SessionUser>,
): RouteHandler {
  return respond(async (req, context) => {
    const user = await authenticateRequest(req);
    if (!user) throw unauthorized();
    if (!(await can(user.role, new URL(req.url).pathname, req.method))) throw forbidden();
    return handler(await parseInput(req, context, options, user));
  });
}

/** For the few endpoints callers reach before they have a session (login, the login public key). */
export function publicApiRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: Handler<B, Q, null>,
): RouteHandler {
  return respond(async (req, context) => handler(await parseInput(req, context, options, null)));
}

function respond(run: (req: Request, context: RouteContext) => Promise<unknown>): RouteHandler {
  return async (req, context) => {
    try {
      const result = await run(req, context);
      return result instanceof Response ? result : okResponse(result ?? null);
    } catch (error) {
      return toErrorResponse(error, req);
    }
  };
}

async function parseInput<B extends Schema | undefined, Q extends Schema | undefined, U>(
  req: Request,
  context: RouteContext,
  options: RouteOptions<B, Q>,
  user: U,
): Promise<RouteInput<B, Q, U>> {
  const rawParams = context?.params ? await context.params : {};
  const params = Object.fromEntries(
    Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join('/') : (value ?? '')]),
  );
  const query = options.query
    ? validate(options.query, Object.fromEntries(new URL(req.url).searchParams), 'query')
    : undefined;
  const body = options.body ? validate(options.body, await readJson(req), 'body') : undefined;
  return { req, user, params, query: query as Parsed<Q>, body: body as Parsed<B> };
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body must be valid JSON');
  }
}

function validate(schema: Schema, value: unknown, where: 'body' | 'query'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || where,
    message: issue.message,
  }));
  const summary = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  throw badRequest(`Invalid ${where}: ${summary}`, errors);
}

function toErrorResponse(error: unknown, req: Request): Response {
  const appError = error instanceof AppError ? error : appErrorFromPrisma(error);
  if (appError) {
    const headers = appError.retryAfterSeconds ? { 'Retry-After': String(appError.retryAfterSeconds) } : undefined;
    return errorResponse(appError.status, appError.message, appError.errors, headers);
  }
  console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed: ${describeForLog(error)}`);
  return errorResponse(500, 'Internal server error');
}

/** What a log line may say about an unexpected error: a database error's kind, never the query's values. */
function describeForLog(error: unknown): string {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return `${error.name} ${error.code}`;
  if (error instanceof Error && error.name.startsWith('PrismaClient')) return error.name;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
