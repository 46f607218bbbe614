import { describe, expect, it } from 'vitest';
import { listRemoteMedia, mapRemoteMedia } from './media-refs';

const png = { mediaType: 'image/png', data: Buffer.from([1, 2, 3]) };

describe('remote media references', () => {
  it('lists http(s) image parts of OpenAI messages once each, with the path of their first use', () => {
    const messages = [
      { role: 'system', content: 'be brief' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AQID' } },
          { type: 'image_url', image_url: { url: 'https://cdn.test/a.png' } },
          { type: 'image_url', image_url: { url: 'HTTP://cdn.test/b.png' } },
          { type: 'image_url', image_url: { url: 'https://cdn.test/a.png' } },
        ],
      },
    ];

    expect(listRemoteMedia('openai', messages)).toEqual([
      { url: 'https://cdn.test/a.png', kind: 'image', path: 'messages[1].content[1].image_url.url' },
      { url: 'HTTP://cdn.test/b.png', kind: 'image', path: 'messages[1].content[2].image_url.url' },
    ]);
  });

  it('lists Anthropic url sources of images and documents, inside tool results too, and skips other sources', () => {
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: { type: 'url', url: 'https://cdn.test/shot.png' } }] },
          { type: 'document', source: { type: 'url', url: 'https://cdn.test/spec.pdf' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AQID' } },
          { type: 'document', source: { type: 'url', url: 'ftp://cdn.test/spec.pdf' } },
        ],
      },
    ];

    expect(listRemoteMedia('anthropic', messages)).toEqual([
      { url: 'https://cdn.test/shot.png', kind: 'image', path: 'messages[0].content[0].content[0].source.url' },
      { url: 'https://cdn.test/spec.pdf', kind: 'pdf', path: 'messages[0].content[1].source.url' },
    ]);
  });

  it('replaces what the lookup knows, keeps the other fields of a part, and leaves the input untouched', () => {
    const part = { type: 'image_url', image_url: { url: 'https://cdn.test/a.png', detail: 'low' } };
    const messages = [{ role: 'user', content: [part] }];

    const mapped = mapRemoteMedia('openai', messages, () => png);

    expect(mapped).toEqual([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AQID', detail: 'low' } }] }]);
    expect(part.image_url.url).toBe('https://cdn.test/a.png');
  });

  it('returns the very same array when nothing was replaced', () => {
    const messages = [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://cdn.test/a.png' } }] }, { role: 'user', content: 'hi' }];

    expect(mapRemoteMedia('anthropic', messages, () => undefined)).toBe(messages);
  });
});
