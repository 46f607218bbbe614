'use client';

import { Button, Checkbox, InputNumber, Select, Switch, Table, Typography } from 'antd';
import type { ModelCapabilities } from '@/lib/protocol/capabilities';

type Overrides = Partial<ModelCapabilities>;
type Field = keyof ModelCapabilities;

type FieldKind =
  | { kind: 'limit'; nullable: boolean }
  | { kind: 'choice'; options: string[] }
  | { kind: 'flag' }
  | { kind: 'efforts' };

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

/** Each field of the profile, how it is edited and what the admin sees it called (docs/CONVERSION.md §10). */
const FIELDS: { field: Field; label: string; edit: FieldKind }[] = [
  { field: 'contextWindow', label: 'Context window', edit: { kind: 'limit', nullable: true } },
  { field: 'maxOutputTokens', label: 'Max output tokens', edit: { kind: 'limit', nullable: true } },
  { field: 'reasoning', label: 'Reasoning control', edit: { kind: 'choice', options: ['none', 'effort', 'budget', 'adaptive'] } },
  { field: 'reasoningEfforts', label: 'Reasoning efforts', edit: { kind: 'efforts' } },
  { field: 'samplingParameters', label: 'Temperature / top_p', edit: { kind: 'flag' } },
  { field: 'structuredOutputs', label: 'Structured outputs', edit: { kind: 'choice', options: ['strict', 'native', 'none'] } },
  { field: 'toolDescriptionMaxChars', label: 'Tool description limit', edit: { kind: 'limit', nullable: true } },
  { field: 'toolNameMaxChars', label: 'Tool name limit', edit: { kind: 'limit', nullable: false } },
  { field: 'imageInput', label: 'Image input', edit: { kind: 'flag' } },
  { field: 'pdfInput', label: 'PDF input', edit: { kind: 'flag' } },
  { field: 'openaiApis', label: 'OpenAI APIs', edit: { kind: 'choice', options: ['chat', 'responses', 'both'] } },
  { field: 'legacyMaxTokens', label: 'Legacy max_tokens', edit: { kind: 'flag' } },
  { field: 'reasoningReplay', label: 'Reasoning replay', edit: { kind: 'flag' } },
];

type EditorProps = { defaults: ModelCapabilities | undefined; value?: Overrides; onChange?: (value: Overrides) => void };

/** The route's profile field by field: the default (catalogue ← host ← provider) and the admin's override, if any. */
export function CapabilityProfileEditor({ defaults, value = {}, onChange }: EditorProps) {
  const set = (field: Field, next: unknown) => onChange?.({ ...value, [field]: next });
  const reset = (field: Field) => {
    const rest = { ...value };
    delete rest[field];
    onChange?.(rest);
  };

  return (
    <Table
      data-testid="capability-profile"
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={FIELDS}
      columns={[
        { title: 'Capability', dataIndex: 'label' },
        { title: 'Default', key: 'default', render: (_, row) => <Typography.Text type="secondary">{show(defaults?.[row.field])}</Typography.Text> },
        {
          title: 'Override',
          key: 'override',
          render: (_, row) => {
            const overridden = row.field in value;
            return (
              <Checkbox
                aria-label={`Override ${row.label}`}
                checked={overridden}
                onChange={(event) => (event.target.checked ? set(row.field, defaults?.[row.field] ?? null) : reset(row.field))}
              />
            );
          },
        },
        {
          title: 'Value',
          key: 'value',
          render: (_, row) =>
            row.field in value ? (
              <OverrideInput label={row.label} edit={row.edit} value={value[row.field]} onChange={(next) => set(row.field, next)} />
            ) : null,
        },
        {
          key: 'reset',
          render: (_, row) =>
            row.field in value ? (
              <Button size="small" type="link" onClick={() => reset(row.field)}>
                Reset
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function OverrideInput({ label, edit, value, onChange }: { label: string; edit: FieldKind; value: unknown; onChange: (value: unknown) => void }) {
  switch (edit.kind) {
    case 'flag':
      return <Switch size="small" aria-label={label} checked={value === true} onChange={onChange} />;
    case 'choice':
      return <Select size="small" aria-label={label} value={value as string} onChange={onChange} options={edit.options.map((option) => ({ value: option }))} style={{ width: 120 }} />;
    case 'efforts':
      return <Select size="small" mode="multiple" aria-label={label} value={(value as string[] | undefined) ?? []} onChange={onChange} options={EFFORTS.map((effort) => ({ value: effort }))} style={{ minWidth: 160 }} />;
    case 'limit':
      return (
        <InputNumber
          size="small"
          aria-label={label}
          min={1}
          precision={0}
          value={value as number | null}
          placeholder={edit.nullable ? 'no limit' : undefined}
          onChange={(next) => onChange(next ?? (edit.nullable ? null : 1))}
        />
      );
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
}
