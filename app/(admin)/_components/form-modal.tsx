'use client';

import type { ReactNode } from 'react';
import { Alert, Button, Flex, Form, Modal } from 'antd';
import { useFormSubmit } from '../_lib/use-form-submit';

type FormModalProps<T> = {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: T) => Promise<void>;
  initialValues?: Partial<T>;
  okText?: string;
  children: ReactNode;
};

/**
 * A modal holding one form: fields are validated before sending, the server's field errors land on the fields
 * and its message shows above them. The form is built afresh at each opening (destroyOnHidden), so it always
 * starts from `initialValues`.
 */
export function FormModal<T extends object>({ title, open, onClose, ...body }: FormModalProps<T>) {
  return (
    <Modal title={title} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <FormModalBody<T> onClose={onClose} {...body} />
    </Modal>
  );
}

function FormModalBody<T extends object>(props: Omit<FormModalProps<T>, 'title' | 'open'>) {
  const { onClose, onSubmit, initialValues, okText = 'Save', children } = props;
  const [form] = Form.useForm<T>();
  const { submitting, error, run } = useFormSubmit(form, onSubmit);

  async function save() {
    if (await run()) onClose();
  }

  return (
    <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={() => void save()}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {children}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {okText}
        </Button>
      </Flex>
    </Form>
  );
}
