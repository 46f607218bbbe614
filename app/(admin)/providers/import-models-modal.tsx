'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { Alert, Button, Flex, Modal, Table, Tag, Typography } from 'antd';
import type { UpstreamModelDto } from '@/lib/providers/list-upstream-models';
import { apiRequest, errorMessage, fetcher } from '../_lib/api-request';
import { refreshResource } from '../_lib/refresh';
import type { ProviderDto } from '../_lib/types';

/** "Import models": the provider's own model list; routes are created for the chosen ones with catalogue prices. */
export function ImportModelsModal({ provider, onClose }: { provider: ProviderDto | null; onClose: () => void }) {
  return (
    <Modal title={provider ? `Import models from ${provider.name}` : ''} open={provider !== null} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {provider && <ImportModelsBody provider={provider} onClose={onClose} />}
    </Modal>
  );
}

function ImportModelsBody({ provider, onClose }: { provider: ProviderDto; onClose: () => void }) {
  const path = `/api/v1/providers/${provider.id}/models`;
  const upstream = useSWR<{ models: UpstreamModelDto[] }>(path, fetcher);
  const [chosen, setChosen] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  const [failure, setFailure] = useState<string>();

  async function importChosen() {
    setImporting(true);
    setFailure(undefined);
    try {
      await apiRequest('POST', path, { models: chosen.map((id) => ({ provider_model_name: id })) });
      await refreshResource('/api/v1/ai-models', path);
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setImporting(false);
    }
  }

  const price = (model: UpstreamModelDto) =>
    model.catalogue_prices ? `$${model.catalogue_prices.input} · $${model.catalogue_prices.output}` : <Typography.Text type="secondary">not in the catalogue</Typography.Text>;

  return (
    <>
      {upstream.error && <Alert type="error" showIcon title={errorMessage(upstream.error)} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Table<UpstreamModelDto>
        data-testid="import-models-table"
        size="small"
        rowKey="id"
        loading={upstream.isLoading}
        dataSource={upstream.data?.models ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]), getCheckboxProps: (model) => ({ 'aria-label': `Import ${model.id}` }) }}
        columns={[
          { title: "Provider's model", dataIndex: 'id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
          { title: 'Catalogue price / 1M (in · out)', key: 'price', render: (_, model) => price(model) },
          { title: 'Routes', dataIndex: 'routed_as', render: (names: string[]) => names.map((name) => <Tag key={name}>{name}</Tag>) },
        ]}
      />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onClose} disabled={importing}>
          Cancel
        </Button>
        <Button type="primary" disabled={chosen.length === 0} loading={importing} onClick={() => void importChosen()}>
          Import {chosen.length || ''} {chosen.length === 1 ? 'model' : 'models'}
        </Button>
      </Flex>
    </>
  );
}
