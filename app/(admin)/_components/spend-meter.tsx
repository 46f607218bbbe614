'use client';

import { Flex, Progress, Typography } from 'antd';
import { formatCost } from '../_lib/format';

type SpendMeterProps = {
  spend: number;
  budget: number | null;
  /** What screen readers and tests hear, with the figures appended. */
  label: string;
  /** A word shown before the figures when the meter is not about the row itself (a token's owner). */
  caption?: string;
};

/** This month's spend against a monthly budget: a bar that turns amber near the end and red past it, or the spend alone. */
export function SpendMeter({ spend, budget, label, caption }: SpendMeterProps) {
  const prefix = caption && <Typography.Text type="secondary">{caption} </Typography.Text>;
  if (budget === null) {
    return (
      <Typography.Text aria-label={`${label}: ${formatCost(spend)} this month, no budget`}>
        {prefix}
        {formatCost(spend)} <Typography.Text type="secondary">· no budget</Typography.Text>
      </Typography.Text>
    );
  }
  const ratio = budget === 0 ? 1 : spend / budget;
  const status = ratio >= 1 ? 'exception' : ratio >= 0.8 ? 'normal' : 'success';
  return (
    <Flex vertical gap={2} style={{ minWidth: 140 }} aria-label={`${label}: ${formatCost(spend)} of ${formatCost(budget)} this month`}>
      <Typography.Text>
        {prefix}
        {formatCost(spend)} <Typography.Text type="secondary">of {formatCost(budget)}</Typography.Text>
      </Typography.Text>
      <Progress percent={Math.min(100, Math.round(ratio * 100))} status={status} size="small" showInfo={false} strokeColor={ratio >= 0.8 && ratio < 1 ? '#faad14' : undefined} />
    </Flex>
  );
}
