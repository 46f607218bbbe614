import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';

// Next 16's name for middleware.ts. It guards admin pages only: the matcher below keeps it off the LLM proxy
// (/v1), the APIs (which authenticate themselves), the login page and static files.
export async function proxy(request: NextRequest) {
  // bootstrap() puts the signing secret into NEXTAUTH_SECRET before the first request (lib/auth/auth-secret.ts).
  // Reading it here rather than importing that module keeps the proxy free of file access, which build
  // tracing would otherwise follow into the data directory.
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL('/login', request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') login.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ['/((?!(?:v1|api|login|_next/static|_next/image)(?:/|$)|favicon\\.ico$|.*\\.[^/]+$).*)'],
};
