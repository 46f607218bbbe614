'use client';

import { useElementWidth } from './use-element-width';

export type LineSeries = { name: string; color: string; values: number[] };

type LineChartProps = {
  labels: string[];
  series: LineSeries[];
  height?: number;
  formatValue?: (value: number) => string;
  /** Counts (requests, tokens): the axis never shows fractions. */
  integer?: boolean;
  ariaLabel: string;
};

const PADDING = { top: 12, right: 16, bottom: 28, left: 56 };
const TICKS = 4;

/** A small SVG line chart drawn at the container's pixel width; each point has a native tooltip. */
export function LineChart({ labels, series, height = 220, formatValue = compactNumber, integer = false, ariaLabel }: LineChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const innerWidth = Math.max(width - PADDING.left - PADDING.right, 1);
  const innerHeight = height - PADDING.top - PADDING.bottom;
  const top = niceCeiling(Math.max(0, ...series.flatMap((line) => line.values)));
  // With small counts, a top of TICKS keeps every gridline on a whole number.
  const max = integer ? Math.max(TICKS, top % TICKS === 0 ? top : Math.ceil(top / TICKS) * TICKS) : top;
  const x = (index: number) => PADDING.left + (labels.length <= 1 ? innerWidth / 2 : (index * innerWidth) / (labels.length - 1));
  const y = (value: number) => PADDING.top + innerHeight - (max === 0 ? 0 : (value / max) * innerHeight);
  const labelEvery = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(innerWidth / 64))));

  return (
    <div ref={ref} style={{ width: '100%', height }}>
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={ariaLabel} style={{ display: 'block' }}>
          {Array.from({ length: TICKS + 1 }, (_, tick) => {
            const value = (max * tick) / TICKS;
            return (
              <g key={tick}>
                <line x1={PADDING.left} x2={width - PADDING.right} y1={y(value)} y2={y(value)} stroke="#f0f0f0" />
                <text x={PADDING.left - 8} y={y(value) + 4} textAnchor="end" fontSize={11} fill="#8c8c8c">
                  {formatValue(value)}
                </text>
              </g>
            );
          })}
          {labels.map((label, index) =>
            index % labelEvery === 0 ? (
              <text key={label} x={x(index)} y={height - 8} textAnchor="middle" fontSize={11} fill="#8c8c8c">
                {label.slice(5)}
              </text>
            ) : null,
          )}
          {series.map((line) => (
            <g key={line.name}>
              <polyline
                fill="none"
                stroke={line.color}
                strokeWidth={2}
                points={line.values.map((value, index) => `${x(index)},${y(value)}`).join(' ')}
              />
              {line.values.map((value, index) => (
                <circle key={labels[index]} cx={x(index)} cy={y(value)} r={3} fill={line.color}>
                  <title>{`${labels[index]} · ${line.name}: ${formatValue(value)}`}</title>
                </circle>
              ))}
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

/** The smallest 1/2/5 × 10^n at or above the value, so the axis reads in round numbers. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
