'use client';

import { Empty, Flex, Typography } from 'antd';
import type { ChatMessage } from './stream-chat';

const BUBBLE = { padding: '8px 12px', borderRadius: 8, maxWidth: '85%', whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

export function ChatTranscript({ messages, streaming }: { messages: ChatMessage[]; streaming: boolean }) {
  if (messages.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Send a message to start" />;
  }
  return (
    <Flex vertical gap={12} data-testid="chat-transcript" aria-live="polite">
      {messages.map((message, index) => (
        <Flex key={index} justify={message.role === 'user' ? 'flex-end' : 'flex-start'}>
          <div
            data-role={message.role}
            style={{ ...BUBBLE, background: message.role === 'user' ? '#4f46e5' : '#f3f4f6', color: message.role === 'user' ? '#fff' : undefined }}
          >
            {message.content || (streaming && index === messages.length - 1 ? <Typography.Text type="secondary">…</Typography.Text> : '')}
          </div>
        </Flex>
      ))}
    </Flex>
  );
}
