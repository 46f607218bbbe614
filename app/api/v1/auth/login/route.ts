import { otherMethods } from '@/lib/api';
import { publicApiRoute } from '@/lib/server';
import { loginWithPassword } from '@/lib/account/login';
import { loginBody } from '@/lib/account/schemas';

export const dynamic = 'force-dynamic';

// POST /api/v1/auth/login – exchange username and password for a bearer session token
export const POST = publicApiRoute({ body: loginBody }, ({ req, body }) =>
  loginWithPassword({ username: body.username, password: body.password, headers: req.headers }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
