'use client';

import { Flex, Typography } from 'antd';

export type BarItem = { key: string; label: string; value: number; caption: string };

/** A horizontal bar per item, scaled to the largest: the model distribution and similar shares. */
export function BarList({ items, color = '#4f46e5', ariaLabel }: { items: BarItem[]; color?: string; ariaLabel: string }) {
  const max = Math.max(0, ...items.map((item) => item.value));
  return (
    <Flex vertical gap={10} role="list" aria-label={ariaLabel}>
      {items.map((item) => (
        <div key={item.key} role="listitem">
          <Flex justify="space-between" gap={8}>
            <Typography.Text ellipsis style={{ minWidth: 0 }}>
              {item.label}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {item.caption}
            </Typography.Text>
          </Flex>
          <div style={{ background: '#f0f0f5', borderRadius: 4, height: 8, marginTop: 4 }}>
            <div
              style={{
                width: `${max === 0 ? 0 : Math.max(2, (item.value / max) * 100)}%`,
                background: color,
                borderRadius: 4,
                height: 8,
              }}
            />
          </div>
        </div>
      ))}
    </Flex>
  );
}
