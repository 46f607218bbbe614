// GET|POST /api/auth/* – next-auth's browser sign-in, session and sign-out endpoints.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';

export const runtime = 'nodejs';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
