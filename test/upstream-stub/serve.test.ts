// serve.ts as the e2e journeys and the benchmark run it: a separate process that prints its URL first.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiBody, parseSse, postRaw } from './raw-client';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  child = spawn(tsx, ['test/upstream-stub/serve.ts', '--port', '0', '--stream-chunks', '7', '--cache-read', '5'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [firstLine] = (await once(lines, 'line')) as [string];
  lines.close();
  url = firstLine;
});

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

describe('serve.ts', () => {
  it('prints its URL on the first line and streams the default answer in the chunk count given', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const events = parseSse((await postRaw(`${url}/v1/chat/completions`, openAiBody({ stream: true, stream_options: { include_usage: true } }))).text);
    const chunks = events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data));
    const contents = chunks.map((chunk) => chunk.choices[0]?.delta.content).filter((content) => typeof content === 'string' && content !== '');

    expect(contents).toHaveLength(7);
    expect(chunks.at(-1).usage.prompt_tokens_details.cached_tokens).toBe(5);
  });

  it('takes scripted replies through the control endpoints', async () => {
    await postRaw(`${url}/__stub/enqueue`, { kind: 'error', status: 503 });
    expect((await postRaw(`${url}/v1/chat/completions`, openAiBody())).status).toBe(503);
    const requests = await (await fetch(`${url}/__stub/requests`)).json();
    expect(requests.map((request: { status: number }) => request.status)).toEqual([200, 503]);
  });

  it('exits cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
