'use client';

import { useEffect } from 'react';
import useSWR from 'swr';
import { Alert, Form } from 'antd';
import type { CatalogueDefaultsDto } from '@/lib/ai-models/catalogue-defaults';
import { fetcher, withQuery } from '../_lib/api-request';
import type { AiModelDto } from '../_lib/types';
import { CapabilityProfileEditor } from './capability-profile-editor';

/**
 * The catalogue's side of the route form: on a new route, the prices the catalogue has for the chosen provider
 * model are filled in (still editable before saving); the profile editor shows each field's default.
 */
export function CatalogueProfileFields({ model }: { model: AiModelDto | null }) {
  const form = Form.useFormInstance();
  const providerId = Form.useWatch<number | undefined>('provider_id', form);
  const publicName = Form.useWatch<string | undefined>('name', form);
  const providerModelName = Form.useWatch<string | undefined>('provider_model_name', form)?.trim() || publicName?.trim();
  const key = providerId && providerModelName ? withQuery('/api/v1/ai-models/catalogue', { provider_id: providerId, provider_model_name: providerModelName }) : null;
  const catalogue = useSWR<CatalogueDefaultsDto>(key, fetcher, { keepPreviousData: true });

  useEffect(() => {
    if (!model && catalogue.data?.prices) form.setFieldsValue(catalogue.data.prices);
  }, [model, form, catalogue.data]);

  const defaults = catalogue.data?.capabilities ?? model?.capability_defaults;
  return (
    <>
      {!model && catalogue.data && (
        <Alert
          type={catalogue.data.known ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            catalogue.data.known
              ? `Prices and capabilities of ${providerModelName} come from the model catalogue; change them before saving if needed.`
              : `The model catalogue does not know ${providerModelName}: the prices and capabilities stay as you set them.`
          }
        />
      )}
      <Form.Item label="Capability profile" name="capability_overrides" tooltip="What the model takes; the converters shape each request for it">
        <CapabilityProfileEditor defaults={defaults} />
      </Form.Item>
    </>
  );
}
