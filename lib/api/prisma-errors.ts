import { isDatabaseUnavailable, Prisma } from '../db';
import { AppError } from '../errors';

// The one place Prisma's error codes become HTTP answers. Data functions pass messages that name the thing
// involved (`provider 12 not found`); the route wrapper calls `appErrorFromPrisma` with no messages as the
// last resort, so a constraint nobody expected still answers 404/409 instead of 500.

export type PrismaErrorMessages = {
  /** P2002, a unique constraint: answered 409. A function receives the violated constraint's name when known. */
  unique?: string | ((constraint: string | undefined) => string);
  /** P2003, a foreign key that points nowhere: answered 404. */
  foreignKey?: string;
  /** P2025, the record to update or delete does not exist: answered 404. */
  notFound?: string;
};

/** The AppError a known Prisma error stands for, or undefined when it is not one we can explain to the caller. */
export function appErrorFromPrisma(error: unknown, messages: PrismaErrorMessages = {}): AppError | undefined {
  if (isDatabaseUnavailable(error)) return new AppError(503, 'The database cannot be reached right now; retry shortly', { retryAfterSeconds: 5 });
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  switch (error.code) {
    case 'P2002': {
      const { unique } = messages;
      const message = typeof unique === 'function' ? unique(violatedConstraint(error)) : unique;
      return new AppError(409, message ?? 'A record with the same unique value already exists');
    }
    case 'P2003':
      return new AppError(404, messages.foreignKey ?? 'A referenced record does not exist');
    case 'P2025':
      return new AppError(404, messages.notFound ?? 'Record not found');
    case 'P2020':
      // e.g. an id beyond PostgreSQL's integer range: the caller's value, not our fault.
      return new AppError(400, 'A value is out of range');
    default:
      return undefined;
  }
}

/** Runs a database call and rethrows its known Prisma errors as AppErrors with the given messages. */
export async function withPrismaErrors<T>(run: () => Promise<T>, messages: PrismaErrorMessages): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw appErrorFromPrisma(error, messages) ?? error;
  }
}

/**
 * The constraint or index name behind a P2002 (e.g. `users_email_key`). With a driver adapter Prisma puts it
 * under `meta.driverAdapterError.cause.constraint`; the classic engine puts the fields in `meta.target`.
 */
function violatedConstraint(error: Prisma.PrismaClientKnownRequestError): string | undefined {
  const meta = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } } }
    | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (constraint?.index) return constraint.index;
  if (constraint?.fields) return constraint.fields.join(',');
  if (Array.isArray(meta?.target)) return meta.target.join(',');
  return typeof meta?.target === 'string' ? meta.target : undefined;
}
