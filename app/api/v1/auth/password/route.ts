import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { changeOwnPassword } from '@/lib/account/profile';
import { changePasswordBody } from '@/lib/account/schemas';
import { sessionTokenOf } from '@/lib/auth';

export const dynamic = 'force-dynamic';

// PUT /api/v1/auth/password – change your own password (the current one is required)
export const PUT = apiRoute({ body: changePasswordBody }, async ({ user, body, req }) =>
  changeOwnPassword(user, body, await sessionTokenOf(req)),
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
