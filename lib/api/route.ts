import type { z } from 'zod';
import { authenticateRequest } from '../auth/authenticate-request';
import type { SessionUser } from '../auth/session-user';
import type { CacheScope } from '../cache/invalidation-bus';
import { findUnstorableText, Prisma, UNSTORABLE_TEXT_MESSAGE } from '../db';
import { BodyTooLargeError, readBoundedText } from '../http/bounded-body';
import { MAX_JSON_NESTING, scanJsonObject } from '../http/json-text';
import { processLogger } from '../log';
import { AppError, badRequest, forbidden, summarizeFieldErrors, toFieldErrors, unauthorized } from '../errors';
import { errorResponse, okResponse } from './envelope';
import { appErrorFromPrisma } from './prisma-errors';
import { assertSameOriginWrite, needsSameOriginCheck } from './same-origin';

// The one wrapper every /api/v1 route handler goes through: authenticate (bearer or cookie), authorize
// (casbin on path + method), validate (zod), run, tell the gateway caches what changed, and answer in the
// `{code, message, data}` envelope.

/** What the wrapper needs from the running server: the role policies and the cache invalidation bus. */
export type ApiServices = {
  can(role: string, path: string, method: string): Promise<boolean>;
  publish(scope: CacheScope): Promise<void>;
  /** The admin UI's public origin (from NEXTAUTH_URL); cookie-authenticated writes must come from it. */
  publicOrigin: string | null;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

type RouteOptions<B, Q> = {
  body?: B;
  query?: Q;
  /** The gateway caches a successful call makes stale; published (on every instance) once it has committed. */
  invalidates?: Exclude<CacheScope, 'all'>;
};

export type RouteInput<B, Q, U> = {
  req: Request;
  user: U;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Record<string, string>;
};

type Handler<B, Q, U> = (input: RouteInput<B, Q, U>) => unknown;
export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

export type ApiRoutes = {
  /** A route for signed-in callers whose role the policies allow. */
  apiRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    options: RouteOptions<B, Q>,
    handler: Handler<B, Q, SessionUser>,
  ): RouteHandler;
  /** For the few endpoints callers reach before they have a session (login, the login public key). */
  publicApiRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    options: RouteOptions<B, Q>,
    handler: Handler<B, Q, null>,
  ): RouteHandler;
};

/** The two wrappers over the services of the running server (read on each call: the server builds them once). */
export function createApiRoutes(services: () => ApiServices): ApiRoutes {
  return {
    apiRoute: (options, handler) =>
      respond(async (req, context) => {
        if (needsSameOriginCheck(req)) assertSameOriginWrite(req, services().publicOrigin);
        const user = await authenticateRequest(req);
        if (!user) throw unauthorized();
        if (!(await services().can(user.role, new URL(req.url).pathname, req.method))) throw forbidden();
        const result = await handler(await parseInput(req, context, options, user));
        if (options.invalidates) await services().publish(options.invalidates);
        return result;
      }),
    publicApiRoute: (options, handler) => respond(async (req, context) => handler(await parseInput(req, context, options, null))),
  };
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
  assertStorable(params, 'path');
  const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
  assertStorable(rawQuery, 'query');
  const query = options.query ? validate(options.query, rawQuery, 'query') : undefined;
  const rawBody = options.body ? await readJson(req) : undefined;
  assertStorable(rawBody, 'body');
  const body = options.body ? validate(options.body, rawBody, 'body') : undefined;
  return { req, user, params, query: query as Parsed<Q>, body: body as Parsed<B> };
}

/** Every admin API body is a small JSON document; a larger one is refused before it is read (413). */
const MAX_BODY_BYTES = 64 * 1024;

async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBoundedText(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError(413, error.message);
    throw error;
  }
  if (!text.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('Request body must be valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badRequest('Request body must be a JSON object');
  const { duplicate, depth } = scanJsonObject(text);
  if (duplicate !== null) throw badRequest(`Request body repeats the key "${duplicate}"`);
  if (depth > MAX_JSON_NESTING) throw badRequest(`Request body nests deeper than ${MAX_JSON_NESTING} levels`);
  return json;
}

/** Text PostgreSQL cannot hold (NUL, a lone surrogate) is refused by name before anything can store or query it. */
function assertStorable(value: unknown, where: 'body' | 'query' | 'path'): void {
  const field = findUnstorableText(value);
  if (field === null) return;
  throw badRequest(`Invalid ${where}: ${field || where}: ${UNSTORABLE_TEXT_MESSAGE}`, [{ field: field || where, message: UNSTORABLE_TEXT_MESSAGE }]);
}

function validate(schema: Schema, value: unknown, where: 'body' | 'query'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error, where);
  throw badRequest(`Invalid ${where}: ${summarizeFieldErrors(errors)}`, errors);
}

function toErrorResponse(error: unknown, req: Request): Response {
  const appError = error instanceof AppError ? error : appErrorFromPrisma(error);
  if (appError) {
    const headers = appError.retryAfterSeconds ? { 'Retry-After': String(appError.retryAfterSeconds) } : undefined;
    return errorResponse(appError.status, appError.message, appError.errors, headers);
  }
  processLogger.error(`${req.method} ${new URL(req.url).pathname} failed: ${describeForLog(error)}`);
  return errorResponse(500, 'Internal server error');
}

/** What a log line may say about an unexpected error: a database error's kind, never the query's values. */
function describeForLog(error: unknown): string {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return `${error.name} ${error.code}`;
  if (error instanceof Error && error.name.startsWith('PrismaClient')) return error.name;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
