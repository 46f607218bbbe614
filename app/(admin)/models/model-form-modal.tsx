'use client';

import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { FormModal } from '../_components/form-modal';
import type { AiModelDto } from '../_lib/types';
import { createAiModel, updateAiModel, type AiModelInput } from '../_lib/use-ai-models';
import { useAllProviders } from '../_lib/use-providers';
import { CatalogueProfileFields } from './catalogue-profile-fields';

type ModelFormValues = Omit<AiModelInput, 'status'> & { active: boolean };

const NEW_ROUTE: Partial<ModelFormValues> = {
  active: true,
  priority: 0,
  weight: 1,
  input_price: 0,
  output_price: 0,
  cache_read_price: 0,
  cache_write_price: null,
  capability_overrides: {},
  currency: 'USD',
};

type ModelFormModalProps = { open: boolean; model: AiModelDto | null; onClose: () => void };

/** Create (model null) or edit one route from a public model name to a provider. */
export function ModelFormModal({ open, model, onClose }: ModelFormModalProps) {
  const providers = useAllProviders(open);
  const initialValues = model ? { ...model, active: model.status === 'active' } : NEW_ROUTE;

  async function save({ active, ...values }: ModelFormValues) {
    const input: AiModelInput = {
      ...values,
      provider_model_name: values.provider_model_name?.trim() || values.name.trim(),
      status: active ? 'active' : 'disabled',
    };
    if (model) await updateAiModel(model.id, input);
    else await createAiModel(input);
  }

  const price = (name: keyof ModelFormValues, label: string) => (
    <Col xs={24} sm={8}>
      <Form.Item label={label} name={name} rules={[{ required: true, type: 'number', min: 0, message: '0 or more' }]}>
        <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <FormModal<ModelFormValues>
      title={model ? `Edit route ${model.name} → ${model.provider_name}` : 'Add model route'}
      open={open}
      onClose={onClose}
      onSubmit={save}
      initialValues={initialValues}
      okText={model ? 'Save' : 'Create'}
    >
      <Form.Item label="Public name" name="name" tooltip="What clients send as `model`; several routes may share it" rules={[{ required: true, whitespace: true, message: 'Enter the model name clients use' }, { max: 200 }]}>
        <Input placeholder="gpt-4o-mini" />
      </Form.Item>
      <Form.Item label="Provider" name="provider_id" rules={[{ required: true, message: 'Pick a provider' }]}>
        <Select
          loading={providers.isLoading}
          placeholder={providers.error ? 'Providers could not be loaded' : 'Pick a provider'}
          options={(providers.data?.items ?? []).map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.model_type})` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label="Provider's model name" name="provider_model_name" tooltip="Leave empty to use the public name" rules={[{ max: 200 }]}>
        <Input placeholder="same as the public name" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} sm={8}>
          <Form.Item label="Priority" name="priority" tooltip="Lower is tried first" rules={[{ required: true, type: 'integer', message: 'A whole number' }]}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="Weight" name="weight" tooltip="Load share within a priority" rules={[{ required: true, type: 'integer', min: 1, max: 1_000_000, message: '1 to 1000000' }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="Active" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        {price('input_price', 'Input / 1M tokens')}
        {price('output_price', 'Output / 1M tokens')}
        {price('cache_read_price', 'Cache read / 1M')}
        <Col xs={12} sm={8}>
          <Form.Item label="Cache write / 1M" name="cache_write_price" tooltip="Empty: cache writes cost the input price">
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="Currency" name="currency" rules={[{ required: true }]}>
            <Select options={[{ value: 'USD' }, { value: 'CNY' }]} />
          </Form.Item>
        </Col>
      </Row>
      <CatalogueProfileFields model={model} />
    </FormModal>
  );
}
