import { describe, expect, it } from 'vitest';
import type { OpenAIMessage } from '../openai/types';
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
  it('keeps http(s) images as URL sources, turns data URLs into base64 images and text files into text documents', () => {
    const { request } = convertOpenAIRequestToAnthropic({ model: 'm', messages });
    expect(request.messages[0].content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://cdn.test/a.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGOD==' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' }, title: 'notes.txt' },
    ]);
  });

  it('rejects a file part without file_data', () => {
    const withFileId: OpenAIMessage[] = [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }];
    expect(() => convertOpenAIRequestToAnthropic({ model: 'm', messages: withFileId })).toThrow(/file_id is not supported/);
  });
});
