import { describe, expect, it } from 'vitest';
import type { OpenAIMessage } from '../openai/types';
import { listRemoteImageUrls } from './content';
import { convertOpenAIRequestToAnthropic } from './request';

const messages: OpenAIMessage[] = [
  { role: 'system', content: 'sys' },
  {
    role: 'user',
    content: [
      { type: 'image_url', image_url: { url: 'https://cdn.test/a.png' } },
      { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGOD==' } },
      { type: 'file', file: { file_data: `data:text/plain;base64,${Buffer.from('héllo').toString('base64')}`, filename: 'notes.txt' } },
    ],
  },
];

describe('remote images and documents', () => {
  it('lists only the http(s) image URLs the gateway may have to fetch', () => {
    expect(listRemoteImageUrls(messages)).toEqual(['https://cdn.test/a.png']);
  });

  it('inlines remote images the gateway fetched, and turns text files into text documents', () => {
    const inlineMedia = new Map([['https://cdn.test/a.png', { mediaType: 'image/png', base64: 'iVBORw0KGgo=' }]]);
    const { request } = convertOpenAIRequestToAnthropic({ model: 'm', messages }, { inlineMedia });
    expect(request.messages[0].content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGOD==' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' }, title: 'notes.txt' },
    ]);
  });

  it('keeps remote images as URL sources when nothing was inlined', () => {
    const { request } = convertOpenAIRequestToAnthropic({ model: 'm', messages });
    expect(request.messages[0].content).toContainEqual({ type: 'image', source: { type: 'url', url: 'https://cdn.test/a.png' } });
  });

  it('rejects a file part without file_data', () => {
    const withFileId: OpenAIMessage[] = [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }];
    expect(() => convertOpenAIRequestToAnthropic({ model: 'm', messages: withFileId })).toThrow(/file_id is not supported/);
  });
});
