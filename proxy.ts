import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getAuthSecret } from '@/lib/auth/auth-secret';

// Next 16's name for middleware.ts. It guards admin pages only: the matcher below keeps it off the LLM proxy
// (/v1), the APIs (which authenticate themselves), the login page and static files.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: getAuthSecret() });
  if (token) return NextResponse.next();
  const login = new URL('/login', request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') login.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ['/((?!(?:v1|api|login|_next/static|_next/image)(?:/|$)|favicon\\.ico$|.*\\.[^/]+$).*)'],
};
