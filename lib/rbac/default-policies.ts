// What each role may call. `user` rows apply to every role (manager inherits user; admin has everything).
// Ownership (a user sees only their own tokens and usage) is enforced in the data functions, not here.

type PolicyRule = ['p', string, string, string] | ['g', string, string];

const own = (path: string, methods: string[]): PolicyRule[] => methods.map((method) => ['p', 'user', path, method]);
const managed = (path: string, methods: string[]): PolicyRule[] =>
  methods.map((method) => ['p', 'manager', path, method]);

export const DEFAULT_POLICIES: PolicyRule[] = [
  ['p', 'admin', '/api/v1/*', '*'],
  ['g', 'manager', 'user'],

  ...own('/api/v1/auth/*', ['GET', 'POST', 'PUT']),
  ...own('/api/v1/user-tokens', ['GET', 'POST']),
  ...own('/api/v1/user-tokens/*', ['GET', 'POST', 'DELETE']),
  ...own('/api/v1/usage', ['GET']),
  ...own('/api/v1/usage/*', ['GET']),

  ...managed('/api/v1/providers', ['*']),
  ...managed('/api/v1/providers/*', ['*']),
  ...managed('/api/v1/provider-tokens', ['*']),
  ...managed('/api/v1/provider-tokens/*', ['*']),
  ...managed('/api/v1/ai-models', ['*']),
  ...managed('/api/v1/ai-models/*', ['*']),
  ...managed('/api/v1/users', ['GET']),
  ...managed('/api/v1/users/*', ['GET']),
  ...managed('/api/v1/users/:id/limits', ['PUT']),
];
