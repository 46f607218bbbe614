// Codex CLI (the @openai/codex package's own binary, `codex exec`) through the production server, which it reaches
// as a custom Responses provider: on an Anthropic-type route and on a chat-only route, the model asks for a shell
// command, Codex runs it in a temp directory, sends the result back, and prints the model's last answer. Every
// request Codex makes has its usage row.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { runCli, tempDir, type CliRun } from './support/run-cli';
import { adminBearer } from './support/ui';

const PROVIDER_KEY = 'sk-codex-stub-key';
const tag = randomBytes(3).toString('hex');
const routes = { claude: `codex-claude-${tag}`, chatOnly: `codex-chat-${tag}` };
// A model Codex knows by name, so it offers its free-form apply_patch tool (and sends a reasoning effort). The route
// behind the name is Claude's at first, then the chat-only server's.
const CODEX_KNOWN_MODEL = 'gpt-5.5';
const CODEX = path.resolve('node_modules/.bin/codex');

let stub: UpstreamStub;
let token: { id: number; token: string };
let providers: { claude: { id: number }; chat: { id: number } };
let knownModelRoute: { id: number };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY });
  const admin = await adminBearer(request);
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: admin })).json()).data;
  const claude = await create('/api/v1/providers', { name: `Codex Claude ${tag}`, model_type: 'anthropic', api_url: stub.url });
  const chat = await create('/api/v1/providers', { name: `Codex chat ${tag}`, model_type: 'openai', api_url: `${stub.url}/v1` });
  for (const provider of [claude, chat]) await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
  await create('/api/v1/ai-models', { name: routes.claude, provider_id: claude.id, provider_model_name: 'claude-sonnet-4-5' });
  await create('/api/v1/ai-models', { name: routes.chatOnly, provider_id: chat.id, provider_model_name: 'qwen3-coder' });
  providers = { claude, chat };
  knownModelRoute = await create('/api/v1/ai-models', { name: CODEX_KNOWN_MODEL, provider_id: claude.id, provider_model_name: 'claude-sonnet-4-5' });
  token = await create('/api/v1/user-tokens', { name: 'codex' });
});

test.afterAll(() => stub?.close());

/** Runs `codex exec` with a config naming the gateway as its Responses provider; resolves with its exit and output. */
function codexExec(baseUrl: string, model: string, prompt: string, workdir: string): Promise<CliRun> {
  const home = tempDir('codex-home');
  writeFileSync(
    path.join(home, 'config.toml'),
    [
      `model = "${model}"`,
      'model_provider = "axongate"',
      '',
      '[model_providers.axongate]',
      'name = "AxonGate"',
      `base_url = "${baseUrl}/v1"`,
      'env_key = "AXONGATE_API_KEY"',
      'wire_api = "responses"',
      '',
    ].join('\n'),
  );
  return runCli(CODEX, ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', prompt], {
    cwd: workdir,
    home,
    env: { CODEX_HOME: home, AXONGATE_API_KEY: token.token },
  });
}

async function usageRows(request: import('@playwright/test').APIRequestContext, model: string): Promise<number> {
  const rows = await request.get(`/api/v1/usage?model_name=${model}&user_token_id=${token.id}&page_size=100`, { headers: await adminBearer(request) });
  return (await rows.json()).data.total;
}

for (const [kind, model] of [['an Anthropic-type route', routes.claude], ['a chat-only OpenAI-type route', routes.chatOnly]] as const) {
  test(`codex exec on ${kind}: a shell tool call really runs, its result goes back, the answer is printed`, async ({ baseURL, request }) => {
    test.setTimeout(120_000);
    stub.reset();
    stub.enqueue(
      { kind: 'completion', parts: [{ type: 'tool_call', name: 'exec_command', arguments: { cmd: 'printf hello > greeting.txt && echo written' } }] },
      { kind: 'completion', parts: [{ type: 'text', text: 'Created greeting.txt.' }] },
    );
    const workdir = tempDir('codex-work');
    const run = await codexExec(baseURL!, model, 'Create greeting.txt containing hello.', workdir);
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(path.join(workdir, 'greeting.txt'), 'utf8')).toBe('hello');
    expect(run.output).toContain('Created greeting.txt.');
    const toolTurn = JSON.stringify(stub.requests.at(-1)!.body);
    expect(toolTurn).toContain('written');
    await expect.poll(() => usageRows(request, model), { timeout: 10_000 }).toBe(stub.requests.length);
  });
}

for (const kind of ['Claude', 'a chat-only route'] as const) {
  test(`codex exec with its apply_patch tool on ${kind}: the patch really edits the file`, async ({ baseURL, request }) => {
    test.setTimeout(120_000);
    const model = CODEX_KNOWN_MODEL;
    const thinks = kind === 'Claude';
    if (!thinks) {
      // The name moves to the chat-only server: Claude's route is turned off, a route on the other provider added.
      const admin = await adminBearer(request);
      expect((await request.patch(`/api/v1/ai-models/${knownModelRoute.id}/status`, { headers: admin, data: { status: 'disabled' } })).status()).toBe(200);
      const moved = await request.post('/api/v1/ai-models', { headers: admin, data: { name: model, provider_id: providers.chat.id, provider_model_name: 'qwen3-coder' } });
      expect(moved.status()).toBe(200);
    }
    stub.reset();
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello from codex\n*** End Patch\n';
    stub.enqueue(
      { kind: 'completion', parts: [{ type: 'thinking', thinking: 'A new file: apply_patch.' }, { type: 'tool_call', name: 'apply_patch', arguments: { input: patch } }] },
      { kind: 'completion', parts: [{ type: 'text', text: 'Patched hello.txt.' }] },
    );
    const workdir = tempDir('codex-patch');
    const run = await codexExec(baseURL!, model, 'Add hello.txt saying hello from codex.', workdir);
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(path.join(workdir, 'hello.txt'), 'utf8')).toBe('hello from codex\n');
    expect(run.output).toContain('Patched hello.txt.');
    expect(JSON.stringify(stub.requests[0].body)).toContain('apply_patch');
    const second = JSON.stringify(stub.requests[1].body);
    expect(second).toContain(kind === 'Claude' ? 'tool_result' : '"role":"tool"');
    if (thinks) {
      // Claude thinks (Codex sends a reasoning effort), and its signed thinking goes back before its tool_use.
      expect((stub.requests[0].body as { thinking?: { type: string } }).thinking?.type).toBe('enabled');
      expect(second).toContain('"type":"thinking"');
    }
    await expect.poll(() => usageRows(request, model), { timeout: 10_000 }).toBe(stub.requests.length);
  });
}
