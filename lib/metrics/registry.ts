// A minimal Prometheus registry: counters and histograms keyed by label sets, rendered in the text format.
// In-process only, like Prometheus client libraries: each instance is scraped on its own.

type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabel(labels[name])}"`)
    .join(',');
}

const NEEDS_ESCAPE = /[\\\n"]/;

function escapeLabel(value: string): string {
  // Label values are almost always plain; this runs for every finished model request.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

const withLabels = (key: string, extra = '') => {
  const all = [key, extra].filter(Boolean).join(',');
  return all ? `{${all}}` : '';
};

export class Counter {
  private readonly values = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.values) lines.push(`${this.name}${withLabels(key)} ${value}`);
    return lines;
  }
}

type HistogramSeries = { buckets: number[]; sum: number; count: number };

export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds in seconds, ascending. */
    readonly bounds: number[],
  ) {}

  observe(seconds: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (let index = 0; index < this.bounds.length; index++) if (seconds <= this.bounds[index]) series.buckets[index] += 1;
    series.sum += seconds;
    series.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, series] of this.series) {
      this.bounds.forEach((bound, index) => lines.push(`${this.name}_bucket${withLabels(key, `le="${bound}"`)} ${series.buckets[index]}`));
      lines.push(`${this.name}_bucket${withLabels(key, 'le="+Inf"')} ${series.count}`);
      lines.push(`${this.name}_sum${withLabels(key)} ${series.sum}`);
      lines.push(`${this.name}_count${withLabels(key)} ${series.count}`);
    }
    return lines;
  }
}
