import { unknownPath } from '@/lib/api';

export const dynamic = 'force-dynamic';

// Any /api/v1 path no other route file serves: a 404 in the envelope, not Next's HTML page.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownPath();
