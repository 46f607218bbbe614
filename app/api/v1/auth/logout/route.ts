import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { bearerTokenFrom, revokeApiSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

// POST /api/v1/auth/logout – end the bearer session (the browser signs out through next-auth)
export const POST = apiRoute({}, async ({ req }) => {
  const token = bearerTokenFrom(req);
  if (token) await revokeApiSession(token);
  return null;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
