import { apiRoute } from '@/lib/api';
import { changeOwnPassword } from '@/lib/auth/profile';
import { changePasswordBody } from '@/lib/auth/schemas';

export const dynamic = 'force-dynamic';

// PUT /api/v1/auth/password – change your own password (the current one is required)
export const PUT = apiRoute({ body: changePasswordBody }, ({ user, body }) => changeOwnPassword(user, body));
