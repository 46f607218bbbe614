// Providers flagged inline_image_urls: the gateway fetches the client's image URLs from a real web server on
// loopback and the stub provider receives the bytes; everything the fetch refuses comes back as a 400.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callChat, callMessages, usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type TokenFixture } from './fixtures';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, redirectPath, startImageServer, type ImageServer } from './image-server';
import { testGateway, useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

let images: ImageServer;
let token: TokenFixture;
/** Anthropic-type, flagged. */
const claudeInline = uniqueName('claude-inline');
/** Anthropic-type, not flagged. */
const claudeByUrl = uniqueName('claude-url');
/** Two flagged Anthropic-type routes: the first fails, the second answers. */
const claudeFailover = uniqueName('claude-inline-failover');

const FETCH_LIMITS = { imageFetchMaxBytes: 4096, imageFetchTimeoutMs: 500 };
/** The image server runs on loopback, which the production fetcher refuses. */
const LOOPBACK_FETCHES = { settings: FETCH_LIMITS, allowLoopbackMedia: true };

const bed = setUpGatewayTestbed({ freshGateway: LOOPBACK_FETCHES });

beforeAll(async () => {
  images = await startImageServer();
  const inline = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url, inlineImageUrls: true });
  const byUrl = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  const secondInline = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url, inlineImageUrls: true });
  await createModel({ name: claudeInline, providerId: inline.id });
  await createModel({ name: claudeByUrl, providerId: byUrl.id });
  await createModel({ name: claudeFailover, providerId: inline.id, priority: 0 });
  await createModel({ name: claudeFailover, providerId: secondInline.id, priority: 1 });
  token = await createUserToken();
});
afterAll(async () => {
  await images.close();
});
beforeEach(() => {
  images.reset();
});

const imagePart = (url: string) => ({ type: 'image_url', image_url: { url, detail: 'high' } });
const urlImageBlock = (url: string) => ({ type: 'image', source: { type: 'url', url } });

describe('OpenAI client → flagged Anthropic-type provider', () => {
  it('sends the bytes the image server served as a base64 image source with their media type', async () => {
    const response = await callChat(token.plaintext, {
      model: claudeInline,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, imagePart(`${images.url}/cat.png`), imagePart(`${images.url}/photo.jpg`)] }],
    });

    expect(response.status).toBe(200);
    expect(bed.stub.requests[0].body?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BYTES.toString('base64') } },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: JPEG_BYTES.toString('base64') } },
        ],
      },
    ]);
  });

  it('sends nothing of the client along and fetches each URL once, however often it appears', async () => {
    const url = `${images.url}/cat.png`;
    const response = await callChat(
      token.plaintext,
      { model: claudeInline, messages: [{ role: 'user', content: [imagePart(url), imagePart(url)] }] },
      { cookie: 'session=client-cookie', 'user-agent': 'client-sdk/1.0' },
    );

    expect(response.status).toBe(200);
    expect(images.requests).toHaveLength(1);
    const { headers } = images.requests[0];
    expect(headers['user-agent']).toMatch(/^AxonGate/);
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(token.plaintext);
  });

  it('follows a redirect to an allowed address', async () => {
    const response = await callChat(token.plaintext, { model: claudeInline, messages: [{ role: 'user', content: [imagePart(`${images.url}/moved.png`)] }] });

    expect(response.status).toBe(200);
    expect(bed.stub.requests[0].body?.messages).toEqual([
      { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BYTES.toString('base64') } }] },
    ]);
  });

  it('fetches once for a request that fails over between two flagged routes', async () => {
    bed.stub.enqueue({ kind: 'error', status: 503 });
    const response = await callChat(token.plaintext, { model: claudeFailover, messages: [{ role: 'user', content: [imagePart(`${images.url}/cat.png`)] }] });

    expect(response.status).toBe(200);
    expect(bed.stub.requests).toHaveLength(2);
    expect(images.requests).toHaveLength(1);
    expect(bed.stub.requests[1].rawBody).toBe(bed.stub.requests[0].rawBody);
  });
});

describe('Anthropic client → flagged Anthropic-type provider (pass-through)', () => {
  it('replaces url sources with base64 sources, in tool results and PDF documents too, and keeps every other byte', async () => {
    const messages = [
      { role: 'user', content: [{ type: 'text', text: 'Take a screenshot' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Here:' }, urlImageBlock(`${images.url}/cat.png`)] },
          { type: 'document', source: { type: 'url', url: `${images.url}/spec.pdf` }, title: 'spec' },
          urlImageBlock(`${images.url}/photo.jpg`),
        ],
      },
    ];
    const raw = `{"model": "${claudeInline}", "max_tokens": 64, "temperature": 1.0, "messages": ${JSON.stringify(messages)}}`;

    const response = await testGateway().handleMessages(jsonRequest('/v1/messages', raw, { 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' }));

    expect(response.status).toBe(200);
    const received = bed.stub.requests[0];
    expect(received.body?.messages).toEqual([
      messages[0],
      messages[1],
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [{ type: 'text', text: 'Here:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BYTES.toString('base64') } }],
          },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF_BYTES.toString('base64') }, title: 'spec' },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: JPEG_BYTES.toString('base64') } },
        ],
      },
    ]);
    expect(received.rawBody.startsWith(`{"model": "${claudeInline}-upstream", "max_tokens": 64, "temperature": 1.0, "messages": [`)).toBe(true);
  });

  it('leaves a body without remote media byte for byte as the client sent it', async () => {
    const raw = `{"model": "${claudeInline}", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]}`;

    await testGateway().handleMessages(jsonRequest('/v1/messages', raw, { 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' }));

    expect(bed.stub.requests[0].rawBody).toBe(raw.replace(`"${claudeInline}"`, `"${claudeInline}-upstream"`));
  });
});

describe('a provider without the flag', () => {
  it('still gets the URL as a url source, and the gateway fetches nothing', async () => {
    const url = `${images.url}/cat.png`;
    const response = await callChat(token.plaintext, { model: claudeByUrl, messages: [{ role: 'user', content: [imagePart(url)] }] });

    expect(response.status).toBe(200);
    expect(bed.stub.requests[0].body?.messages).toEqual([{ role: 'user', content: [{ type: 'image', source: { type: 'url', url } }] }]);
    expect(images.requests).toHaveLength(0);
  });
});

describe('URLs the gateway refuses to fetch', () => {
  it('refuses loopback by default: 400 in the OpenAI shape naming host and reason, nothing sent anywhere', async () => {
    useFreshTestGateway({ settings: FETCH_LIMITS });

    const response = await callChat(token.plaintext, {
      model: claudeInline,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, imagePart(`${images.url}/cat.png`)] }],
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: `Could not fetch the image at ${images.host}: blocked address (127.0.0.1 is not global unicast: loopback)`,
        type: 'invalid_request_error',
        param: 'messages[0].content[1].image_url.url',
        code: null,
      },
    });
    expect(bed.stub.requests).toHaveLength(0);
    expect(images.requests).toHaveLength(0);
    expect(await usageRowOf(response)).toMatchObject({ status: 'error', httpStatus: 400, errorType: 'image_fetch_failed' });
  });

  it('refuses loopback in the Anthropic shape for an Anthropic client', async () => {
    useFreshTestGateway({ settings: FETCH_LIMITS });

    const response = await callMessages(token.plaintext, { model: claudeInline, messages: [{ role: 'user', content: [urlImageBlock(`${images.url}/cat.png`)] }] });

    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toBe(`Could not fetch the image at ${images.host}: blocked address (127.0.0.1 is not global unicast: loopback)`);
    expect(bed.stub.requests).toHaveLength(0);
  });

  it.each([
    ['/big-declared.png', 'too large', `sent more than 4096 bytes`],
    ['/big-chunked.png', 'too large', `sent more than 4096 bytes`],
    ['/page.html', 'not an image', 'sent text/html; accepted: image/jpeg, image/png, image/gif, image/webp'],
    ['/to-metadata', 'blocked address', '169.254.169.254 is not global unicast: linkLocal'],
    ['/to-private', 'blocked address', '10.0.0.1 is not global unicast: private'],
    ['/loop', 'too many redirects', 'redirected more than 3 times'],
    ['/missing.png', 'not found', 'answered HTTP 404'],
    ['/slow.png', 'timeout', 'did not send the whole answer in time'],
  ])('%s: 400 "%s" and no upstream request', async (path, reason, detail) => {
    const response = await callChat(token.plaintext, { model: claudeInline, messages: [{ role: 'user', content: [imagePart(`${images.url}${path}`)] }] });

    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(new RegExp(`^Could not fetch the image at ${images.host}: ${reason} \\(.*${escapeRegExp(detail)}\\)$`));
    expect(bed.stub.requests).toHaveLength(0);
  });

  // The image server is the attacker's: its redirect points the gateway at an address that is no public host.
  it.each([
    ['http://192.0.2.1/cat.png', '192.0.2.1', 'reserved'],
    ['http://198.51.100.20/cat.png', '198.51.100.20', 'reserved'],
    ['http://203.0.113.9/cat.png', '203.0.113.9', 'reserved'],
    ['http://100.64.0.1/cat.png', '100.64.0.1', 'carrierGradeNat'],
    ['http://0.0.0.0/cat.png', '0.0.0.0', 'unspecified'],
    ['http://[2001:db8::1]/cat.png', '2001:db8::1', 'reserved'],
    ['http://[64:ff9b::a9fe:a9fe]/cat.png', '64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['http://[64:ff9b:1::a00:1]/cat.png', '64:ff9b:1::a00:1', 'rfc6052'],
    ['http://[::ffff:0:10.0.0.1]/cat.png', '::ffff:0:a00:1', 'rfc6145'],
    ['http://[::ffff:169.254.169.254]/cat.png', '::ffff:a9fe:a9fe', 'linkLocal'],
    ['http://[::127.0.0.1]/cat.png', '::7f00:1', 'outside 2000::/3'],
    ['http://[2002:7f00:1::1]/cat.png', '2002:7f00:1::1', '6to4'],
    ['http://[2001::1]/cat.png', '2001::1', 'teredo'],
    ['http://[fe80::1]/cat.png', 'fe80::1', 'linkLocal'],
    ['http://[fd00::1]/cat.png', 'fd00::1', 'uniqueLocal'],
  ])('a redirect to %s is refused as a blocked address and nothing is fetched from there', async (target, address, range) => {
    const response = await callChat(token.plaintext, { model: claudeInline, messages: [{ role: 'user', content: [imagePart(`${images.url}${redirectPath(target)}`)] }] });

    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toBe(`Could not fetch the image at ${images.host}: blocked address (${address} is not global unicast: ${range})`);
    expect(images.requests.map((served) => served.path)).toEqual([redirectPath(target)]);
    expect(bed.stub.requests).toHaveLength(0);
  });

  it('stops fetching when the client leaves, and records a client disconnect', async () => {
    useFreshTestGateway({ ...LOOPBACK_FETCHES, settings: { ...FETCH_LIMITS, imageFetchTimeoutMs: 10_000 } });
    const client = new AbortController();
    const body = { model: claudeInline, messages: [{ role: 'user', content: [imagePart(`${images.url}/slow.png`)] }] };
    const pending = testGateway().handleChatCompletions(jsonRequest('/v1/chat/completions', body, { authorization: `Bearer ${token.plaintext}` }, client.signal));
    await vi.waitFor(() => expect(images.requests).toHaveLength(1));
    client.abort();

    const response = await pending;

    expect(response.status).toBe(499);
    expect(await usageRowOf(response)).toMatchObject({ httpStatus: 499, errorType: 'client_disconnected' });
    expect(bed.stub.requests).toHaveLength(0);
  });

  it('answers a PDF where an image belongs with "not an image"', async () => {
    const response = await callMessages(token.plaintext, { model: claudeInline, messages: [{ role: 'user', content: [urlImageBlock(`${images.url}/spec.pdf`)] }] });

    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('not an image (');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
