import { describe, expect, it } from 'vitest';
import { Counter, Histogram } from './registry';

describe('metrics registry', () => {
  it('renders counters per label set with escaped values', () => {
    const counter = new Counter('requests_total', 'Requests.');
    counter.inc({ provider: 'a"b' });
    counter.inc({ provider: 'a"b' }, 2);
    counter.inc({ provider: 'c' });
    expect(counter.render()).toEqual([
      '# HELP requests_total Requests.',
      '# TYPE requests_total counter',
      'requests_total{provider="a\\"b"} 3',
      'requests_total{provider="c"} 1',
    ]);
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const histogram = new Histogram('latency_seconds', 'Latency.', [0.1, 1]);
    histogram.observe(0.05, { route: 'x' });
    histogram.observe(0.5, { route: 'x' });
    histogram.observe(3, { route: 'x' });
    expect(histogram.render()).toEqual([
      '# HELP latency_seconds Latency.',
      '# TYPE latency_seconds histogram',
      'latency_seconds_bucket{route="x",le="0.1"} 1',
      'latency_seconds_bucket{route="x",le="1"} 2',
      'latency_seconds_bucket{route="x",le="+Inf"} 3',
      'latency_seconds_sum{route="x"} 3.55',
      'latency_seconds_count{route="x"} 3',
    ]);
  });
});
