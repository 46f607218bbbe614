import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { AppError } from '../errors';
import { getConfig } from '../config';
import type { Role } from '../db';
import { createApiSession, revokeApiSession } from './api-sessions';
import { clientAddressFrom } from '../http/client-address';
import { verifyCredentials } from './verify-credentials';

declare module 'next-auth' {
  interface User {
    username: string;
    role: Role;
  }
  interface Session {
    user: { id: number; username: string; name: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: number;
    username: string;
    role: Role;
    /** The session row's token (lib/auth/api-sessions.ts): the cookie is only as valid as that row. */
    sid: string;
  }
}

// The browser's login. The signing secret is NEXTAUTH_SECRET, which bootstrap() fills in when unset
// (see getAuthSecret), so it is read from the environment at request time rather than fixed here.
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: getConfig().AXONGATE_SESSION_TTL_HOURS * 3600 },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'AxonGate',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        if (!credentials?.username || !credentials.password) return null;
        try {
          const user = await verifyCredentials({
            username: credentials.username,
            password: credentials.password,
            ip: clientAddressFrom(new Headers(req.headers ?? {})),
          });
          return { id: String(user.id), name: user.name || user.username, username: user.username, role: user.role };
        } catch (error) {
          // next-auth shows a thrown message as the sign-in error; keep ours (rate limit, disabled) for the form.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await revokeApiSession(token.sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.username = user.username;
        token.role = user.role;
        token.sid = (await createApiSession(token.uid)).token;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid, username: token.username, name: token.name ?? token.username, role: token.role };
      return session;
    },
  },
};
