// Display formatting shared by every page. Dates are shown in the browser's zone; usage days are UTC days,
// as the server buckets them.

const integer = new Intl.NumberFormat('en');

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function formatCost(value: number | string | null | undefined, currency = 'USD'): string {
  if (value === null || value === undefined) return '—';
  const amount = Number(value);
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 2;
  return `${currency === 'CNY' ? '¥' : '$'}${amount.toFixed(digits)}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(ratio < 0.1 && ratio > 0 ? 2 : 1)}%`;
}

export function formatMs(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${integer.format(Math.round(value))} ms`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A UTC day as YYYY-MM-DD, `offsetDays` from today. */
export function utcDate(offsetDays = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

export function isPast(iso: string): boolean {
  return new Date(iso).getTime() < Date.now();
}
