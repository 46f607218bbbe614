// The layers of lib/ (docs/ARCHITECTURE.md), enforced: `npm run lint:boundaries`, part of `npm test`.
// A folder may import folders of lower layers only; folders of one layer may import each other as long as no cycle
// forms, between files or between folders. test/architecture/boundaries.test.ts proves every rule below bites.

/** Bottom to top. */
const LAYERS = [
  ['config.ts', 'errors', 'log', 'tracing'],
  ['db'],
  ['cache', 'http', 'secrets', 'rbac'],
  ['protocol'],
  ['usage', 'metrics', 'lifecycle', 'catalogue'],
  ['auth'],
  ['api'],
  ['gateway'],
  ['users', 'user-tokens', 'providers', 'provider-tokens', 'ai-models', 'audit', 'usage-queries', 'account', 'engine-contract'],
  ['server'],
];

const folderPattern = (folders) => `^lib/(${folders.map((name) => name.replace('.', '\\.')).join('|')})($|/)`;

/** Layer N may not import anything of the layers above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${index}-imports-upward`,
  comment: `lib/{${layer.join(',')}} sit in layer ${index}: they may only import lower layers (docs/ARCHITECTURE.md).`,
  severity: 'error',
  from: { path: folderPattern(layer), pathNot: '\\.test\\.ts$' },
  to: { path: folderPattern(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'protocol-is-pure',
      comment: 'lib/protocol converts wire formats and imports nothing else of lib.',
      severity: 'error',
      from: { path: '^lib/protocol/' },
      to: { path: '^lib/', pathNot: '^lib/protocol/' },
    },
    {
      name: 'gateway-has-one-door',
      comment: 'Outside lib/gateway, the gateway is reached through lib/gateway/index.ts only.',
      severity: 'error',
      from: { path: '^(lib|app)/', pathNot: '^lib/gateway/' },
      to: { path: '^lib/gateway/.+', pathNot: '^lib/gateway/index\\.ts$' },
    },
    {
      name: 'no-file-cycles',
      comment: 'No import cycle between the files of lib.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^lib/', circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No import cycle between the folders of lib, at any depth.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^lib/' },
      to: { path: '^lib/', circular: true },
    },
    {
      name: 'lib-does-not-import-next',
      comment: 'The core never imports Next.js; next-auth belongs to lib/auth alone.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '(^|/)node_modules/next/' },
    },
    {
      name: 'next-auth-only-in-auth',
      comment: 'Sessions come from next-auth in lib/auth; nothing else in lib depends on it.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/auth/' },
      to: { path: '(^|/)node_modules/next-auth/' },
    },
    {
      name: 'lib-does-not-import-app',
      comment: 'app/ is the top: lib never reaches up into it.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^lib/db/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
