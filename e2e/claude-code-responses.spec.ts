// Claude Code (the @anthropic-ai/claude-code package's binary, `claude -p`) through the production server on a model
// served only on the Responses API: its Messages requests go Messages → Chat → Responses to the strict stub, which
// asks for a Bash command; Claude Code runs it in a temp directory, sends the result, and prints the final answer.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startUpstreamStub, type UpstreamStub } from '../test/upstream-stub';
import { expect, test } from './support/fixtures';
import { runCli, tempDir, type CliRun } from './support/run-cli';
import { adminBearer } from './support/ui';

const PROVIDER_KEY = 'sk-claude-code-stub-key';
const route = `cc-responses-${randomBytes(3).toString('hex')}`;
const CLAUDE = path.resolve('node_modules/.bin/claude');

let stub: UpstreamStub;
let token: string;

test.beforeAll(async ({ request }) => {
  stub = await startUpstreamStub({ apiKey: PROVIDER_KEY });
  const admin = await adminBearer(request);
  const create = async (pathname: string, data: object) => (await (await request.post(pathname, { data, headers: admin })).json()).data;
  const provider = await create('/api/v1/providers', {
    name: `Responses only ${route}`,
    model_type: 'openai',
    api_url: `${stub.url}/v1`,
    capability_overrides: { openaiApis: 'responses' },
  });
  await create('/api/v1/provider-tokens', { provider_id: provider.id, token: PROVIDER_KEY });
  await create('/api/v1/ai-models', { name: route, provider_id: provider.id, provider_model_name: 'gpt-5-pro' });
  token = (await create('/api/v1/user-tokens', { name: 'claude-code' })).token;
});

test.afterAll(() => stub?.close());

function claudePrint(baseUrl: string, prompt: string, workdir: string): Promise<CliRun> {
  return runCli(CLAUDE, ['-p', prompt, '--model', route, '--allowedTools', 'Bash', '--max-turns', '4'], {
    cwd: workdir,
    home: tempDir('claude-home'),
    env: {
      ANTHROPIC_BASE_URL: baseUrl,
      ANTHROPIC_API_KEY: token,
      // Its background calls (titles, summaries) go to the same route instead of a model the gateway lacks.
      ANTHROPIC_SMALL_FAST_MODEL: route,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: route,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    },
  });
}

test('claude -p on a Responses-only model: a Bash tool loop runs to its answer', async ({ baseURL }) => {
  test.setTimeout(120_000);
  stub.enqueue(
    { kind: 'completion', path: '/v1/responses', parts: [{ type: 'tool_call', name: 'Bash', arguments: { command: 'printf claude > made-by-claude.txt', description: 'Write the file' } }] },
    { kind: 'completion', path: '/v1/responses', parts: [{ type: 'text', text: 'Wrote made-by-claude.txt.' }] },
  );
  const workdir = tempDir('claude-work');
  const run = await claudePrint(baseURL!, 'Create made-by-claude.txt containing claude.', workdir);
  expect(run.code, run.output).toBe(0);
  expect(readFileSync(path.join(workdir, 'made-by-claude.txt'), 'utf8')).toBe('claude');
  expect(run.output).toContain('Wrote made-by-claude.txt.');
  expect(stub.requests.every((request) => request.path === '/v1/responses')).toBe(true);
  expect(JSON.stringify(stub.requests.at(-1)!.body)).toContain('function_call_output');
});
