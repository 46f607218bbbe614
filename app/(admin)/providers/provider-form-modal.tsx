'use client';

import { Alert, App, Button, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FormModal } from '../_components/form-modal';
import type { ProviderDto } from '../_lib/types';
import { createProvider, updateProvider, type ProviderInput } from '../_lib/use-providers';

type HeaderRow = { name: string; value: string };
type ProviderFormValues = Omit<ProviderInput, 'extra_headers'> & { extra_headers: HeaderRow[] };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const NEW_PROVIDER: ProviderFormValues = {
  name: '',
  model_type: 'openai',
  api_url: '',
  enabled: true,
  timeout_ms: 60_000,
  extra_headers: [],
  inline_image_urls: false,
};

type ProviderFormModalProps = { open: boolean; provider: ProviderDto | null; onClose: () => void };

/** Create (provider null) or edit a provider. */
export function ProviderFormModal({ open, provider, onClose }: ProviderFormModalProps) {
  const { message } = App.useApp();
  const initialValues: ProviderFormValues = provider
    ? { ...provider, extra_headers: Object.entries(provider.extra_headers).map(([name, value]) => ({ name, value })) }
    : NEW_PROVIDER;

  async function save(values: ProviderFormValues) {
    const input: ProviderInput = {
      ...values,
      extra_headers: Object.fromEntries((values.extra_headers ?? []).map((row) => [row.name.trim(), row.value])),
    };
    if (!provider) return void (await createProvider(input));
    const { retired_keys } = await updateProvider(provider.id, input);
    if (retired_keys > 0) {
      void message.warning(`${retired_keys === 1 ? 'Its key was' : `Its ${retired_keys} keys were`} turned off: add the key again under Keys.`);
    }
  }

  return (
    <FormModal<ProviderFormValues>
      title={provider ? `Edit ${provider.name}` : 'Add provider'}
      open={open}
      onClose={onClose}
      onSubmit={save}
      initialValues={initialValues}
      okText={provider ? 'Save' : 'Create'}
    >
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 100 }]}>
        <Input placeholder="OpenAI production" />
      </Form.Item>
      <Form.Item label="Protocol" name="model_type" rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'openai', label: 'OpenAI (and compatible servers)' },
            { value: 'anthropic', label: 'Anthropic' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label="API URL"
        name="api_url"
        rules={[
          { required: true, message: 'Enter the base URL' },
          { pattern: /^https?:\/\/[^\s/]+/, message: 'Must be an http(s) URL, e.g. https://api.openai.com' },
        ]}
      >
        <Input placeholder="https://api.openai.com" inputMode="url" />
      </Form.Item>
      {provider && <KeysTurnOffWarning provider={provider} />}
      <Flex gap={16} wrap>
        <Form.Item label="Timeout (ms)" name="timeout_ms" rules={[{ required: true, type: 'integer', min: 1000, max: 3_600_000, message: 'Between 1000 and 3600000' }]}>
          <InputNumber min={1000} max={3_600_000} step={1000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="Enabled" name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item
        label="Fetch image URLs for this provider"
        name="inline_image_urls"
        valuePropName="checked"
        extra="For backends that cannot read image URLs themselves (Bedrock, Vertex…): the gateway downloads the images and sends their bytes."
      >
        <Switch />
      </Form.Item>
      <ExtraHeadersField />
    </FormModal>
  );
}

/** The server stores api_url without trailing slashes: only a real change retires the keys. */
const normalizeUrl = (url: unknown) => (typeof url === 'string' ? url.trim().replace(/\/+$/, '') : '');

/** Shown while the edit would change the address or protocol, before anything is saved. */
function KeysTurnOffWarning({ provider }: { provider: ProviderDto }) {
  const form = Form.useFormInstance<ProviderFormValues>();
  const apiUrl = Form.useWatch('api_url', form);
  const modelType = Form.useWatch('model_type', form);
  const changes = (apiUrl !== undefined && normalizeUrl(apiUrl) !== provider.api_url) || (modelType !== undefined && modelType !== provider.model_type);
  if (!changes) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="provider-keys-turn-off-warning"
      style={{ marginBottom: 16 }}
      title="Saving turns off all keys of this provider"
      description="A key is only sent to the address and protocol it was entered for. After this change every key of the provider stays off and cannot be turned on again: add the key again under Keys to use the provider."
    />
  );
}

function ExtraHeadersField() {
  return (
    <Form.Item label="Extra headers" tooltip="Sent with every request to this provider">
      <Form.List name="extra_headers">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    { required: true, message: 'Header name' },
                    { pattern: HEADER_NAME, message: 'Not a valid header name' },
                  ]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input placeholder="X-Header" aria-label="Header name" />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} rules={[{ required: true, message: 'Value' }]} style={{ flex: 1, marginBottom: 8 }}>
                  <Input placeholder="value" aria-label="Header value" />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label="Remove header" onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} block>
              Add header
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
