'use client';

import { Col, Form, InputNumber, Row, Select } from 'antd';

/** Allowed models, requests per minute and monthly budget: the limits of a token and of a user. */
export function LimitFields({ modelNames, emptyModelsMean }: { modelNames: string[]; emptyModelsMean: string }) {
  return (
    <>
      <Form.Item label="Allowed models" name="allowed_models" tooltip={`Empty allows ${emptyModelsMean}`}>
        <Select mode="tags" placeholder="All models" options={modelNames.map((name) => ({ value: name }))} tokenSeparators={[',', ' ']} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="Requests per minute" name="rpm_limit" rules={[{ type: 'integer', min: 1, max: 1_000_000, message: '1 to 1000000, or empty for no limit' }]}>
            <InputNumber min={1} placeholder="No limit" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="Monthly budget" name="monthly_budget" rules={[{ type: 'number', min: 0, message: '0 or more, or empty for no limit' }]}>
            <InputNumber min={0} step={1} placeholder="No limit" prefix="$" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
