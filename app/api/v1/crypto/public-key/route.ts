import { otherMethods } from '@/lib/api';
import { publicApiRoute } from '@/lib/server';
import { getLoginPublicKeyPem } from '@/lib/secrets/login-transport';

export const dynamic = 'force-dynamic';

// GET /api/v1/crypto/public-key – the RSA key the original UI encrypts the login password with
export const GET = publicApiRoute({}, async () => ({ public_key: await getLoginPublicKeyPem() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
