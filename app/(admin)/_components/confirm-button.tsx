'use client';

import { Button, Popconfirm } from 'antd';

type ConfirmButtonProps = {
  /** The button's text, also the confirming button's, so the action reads the same twice. */
  label: string;
  title: string;
  description?: string;
  onConfirm: () => unknown;
  danger?: boolean;
  disabled?: boolean;
};

/** A small table-row action that asks before it acts: delete, revoke, regenerate. */
export function ConfirmButton({ label, title, description, onConfirm, danger = true, disabled }: ConfirmButtonProps) {
  return (
    <Popconfirm title={title} description={description} okText={label} okButtonProps={{ danger }} disabled={disabled} onConfirm={onConfirm}>
      <Button size="small" danger={danger} disabled={disabled}>
        {label}
      </Button>
    </Popconfirm>
  );
}
