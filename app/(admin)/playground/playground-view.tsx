'use client';

import { useRef, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Input, Row, Select } from 'antd';
import { SendOutlined, StopOutlined } from '@ant-design/icons';
import { PageHeader } from '../_components/page-header';
import { errorMessage } from '../_lib/api-request';
import { useGatewayModels } from '../_lib/use-gateway-models';
import { ChatTranscript } from './chat-transcript';
import { streamChat, type ChatMessage } from './stream-chat';
import { TokenPicker } from './token-picker';

export function PlaygroundView() {
  const [token, setToken] = useState('');
  const models = useGatewayModels(token || null);
  const [model, setModel] = useState<string>();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const [streaming, setStreaming] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const chosenModel = model && models.data?.includes(model) ? model : models.data?.[0];

  async function send() {
    const text = input.trim();
    if (!text || !token || !chosenModel || streaming) return;
    const history: ChatMessage[] = [...messages, { role: 'user', content: text }];
    setMessages([...history, { role: 'assistant', content: '' }]);
    setInput('');
    setError(undefined);
    setStreaming(true);
    const controller = new AbortController();
    abort.current = controller;
    try {
      await streamChat({
        token,
        model: chosenModel,
        messages: history,
        signal: controller.signal,
        onDelta: (delta) => setMessages((current) => appendToLast(current, delta)),
      });
    } catch (caught) {
      if (!controller.signal.aborted) setError(errorMessage(caught));
    } finally {
      setStreaming(false);
      abort.current = null;
    }
  }

  return (
    <>
      <PageHeader title="Playground" description="Chat through the gateway with one of your tokens; the answer streams in as the provider sends it." />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title="Connection">
            <TokenPicker value={token} onChange={setToken} />
            {models.error && <Alert type="error" showIcon title={errorMessage(models.error)} style={{ marginTop: 12 }} />}
            <Select
              aria-label="Model"
              placeholder={token ? 'Pick a model' : 'Enter a token first'}
              disabled={!token}
              loading={models.isLoading}
              value={chosenModel}
              onChange={setModel}
              options={(models.data ?? []).map((name) => ({ value: name }))}
              notFoundContent="This token may use no models"
              style={{ width: '100%', marginTop: 12 }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            title="Chat"
            extra={
              <Button size="small" disabled={streaming || messages.length === 0} onClick={() => setMessages([])}>
                Clear
              </Button>
            }
          >
            <div style={{ minHeight: 240, maxHeight: 480, overflowY: 'auto', marginBottom: 16 }}>
              <ChatTranscript messages={messages} streaming={streaming} />
            </div>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Flex gap={8} align="flex-end">
              <Input.TextArea
                aria-label="Message"
                placeholder="Type a message (Enter sends, Shift+Enter for a new line)"
                autoSize={{ minRows: 1, maxRows: 6 }}
                value={input}
                onChange={(event) => setInput(event.target.value)}
                onPressEnter={(event) => {
                  if (event.shiftKey) return;
                  event.preventDefault();
                  void send();
                }}
              />
              {streaming ? (
                <Button danger icon={<StopOutlined />} onClick={() => abort.current?.abort()}>
                  Stop
                </Button>
              ) : (
                <Button type="primary" icon={<SendOutlined />} disabled={!token || !chosenModel || !input.trim()} onClick={() => void send()}>
                  Send
                </Button>
              )}
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}

function appendToLast(messages: ChatMessage[], delta: string): ChatMessage[] {
  const last = messages[messages.length - 1];
  return [...messages.slice(0, -1), { ...last, content: last.content + delta }];
}
