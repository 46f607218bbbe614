import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getProfile } from '@/lib/account/profile';

export const dynamic = 'force-dynamic';

// GET /api/v1/auth/me – the signed-in user
export const GET = apiRoute({}, ({ user }) => getProfile(user));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
