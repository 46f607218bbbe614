import { apiRoute } from '@/lib/api';
import { getProfile } from '@/lib/auth/profile';

export const dynamic = 'force-dynamic';

// GET /api/v1/auth/me – the signed-in user
export const GET = apiRoute({}, ({ user }) => getProfile(user));
