import { describe, expect, it } from 'vitest';
import { Prisma } from '../db';
import { AppError } from '../errors';
import { appErrorFromPrisma, withPrismaErrors } from './prisma-errors';

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError(`failed with ${code}`, { code, clientVersion: 'test', meta });

describe('appErrorFromPrisma', () => {
  it('maps unique, foreign key, not found and out-of-range errors to 409, 404, 404 and 400', () => {
    expect(appErrorFromPrisma(prismaError('P2002'))).toMatchObject({ status: 409 });
    expect(appErrorFromPrisma(prismaError('P2003'))).toMatchObject({ status: 404 });
    expect(appErrorFromPrisma(prismaError('P2025'))).toMatchObject({ status: 404 });
    expect(appErrorFromPrisma(prismaError('P2020'))).toMatchObject({ status: 400 });
  });

  it('answers 503 with Retry-After while the database cannot be reached', () => {
    expect(appErrorFromPrisma(prismaError('P1001'))).toMatchObject({ status: 503, retryAfterSeconds: 5 });
  });

  it('leaves errors it cannot explain alone', () => {
    expect(appErrorFromPrisma(prismaError('P2010'))).toBeUndefined();
    expect(appErrorFromPrisma(new Error('boom'))).toBeUndefined();
  });

  it('uses the messages the data function gives, and tells a unique message which constraint broke', () => {
    const adapterMeta = {
      driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { index: 'users_email_key' } } },
    };
    const unique = appErrorFromPrisma(prismaError('P2002', adapterMeta), { unique: (constraint) => `clash on ${constraint}` });
    expect(unique?.message).toBe('clash on users_email_key');
    const classic = appErrorFromPrisma(prismaError('P2002', { target: ['username'] }), { unique: (constraint) => `clash on ${constraint}` });
    expect(classic?.message).toBe('clash on username');
    expect(appErrorFromPrisma(prismaError('P2025'), { notFound: 'provider 3 not found' })?.message).toBe('provider 3 not found');
  });

  it('withPrismaErrors rethrows mapped errors as AppError and others unchanged', async () => {
    await expect(withPrismaErrors(() => Promise.reject(prismaError('P2003')), { foreignKey: 'provider 9 not found' })).rejects.toEqual(
      new AppError(404, 'provider 9 not found'),
    );
    const other = new Error('boom');
    await expect(withPrismaErrors(() => Promise.reject(other), {})).rejects.toBe(other);
  });
});
