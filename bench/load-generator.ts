// A closed-loop HTTP load generator on undici: `concurrency` loops, each on its own keep-alive connection, send
// one request, read the whole response (every byte of a stream), check it, and send the next. Latency is
// measured per request with performance.now(), from before the request is written to the response's last byte.
import { Pool } from 'undici';

export type ResponseCheck = {
  status: number;
  /** Text every complete response carries: in the whole body, or (streams) in its last bytes. */
  marker: string;
  markerIn: 'body' | 'tail';
};

export type LoadRequest = {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  check: ResponseCheck;
};

export type LoadSample = {
  concurrency: number;
  /** Requests answered completely and correctly; only these count and only these have latencies. */
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  /** Per request: request start → last byte. */
  latenciesMs: number[];
  /** Per request: request start → status line and headers. */
  headersMs: number[];
  responseBytes: number;
};

/** A run that fails more often than it succeeds stops early: the numbers would mean nothing. */
const ERROR_STOP_THRESHOLD = 50;
const TAIL_BYTES = 64;
const REQUEST_TIMEOUT_MS = 30_000;

export class LoadClient {
  private readonly pool: Pool;
  private readonly marker: Buffer;

  constructor(
    private readonly request: LoadRequest,
    readonly concurrency: number,
  ) {
    this.pool = new Pool(request.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
    this.marker = Buffer.from(request.check.marker);
  }

  /** Keeps `concurrency` requests in flight for `durationMs`, then lets the last ones finish. */
  async run(durationMs: number, signal: AbortSignal): Promise<LoadSample> {
    const sample: LoadSample = {
      concurrency: this.concurrency,
      requests: 0,
      errors: 0,
      errorSamples: [],
      elapsedMs: 0,
      latenciesMs: [],
      headersMs: [],
      responseBytes: 0,
    };
    const startedAt = performance.now();
    const endAt = startedAt + durationMs;
    const loops = Array.from({ length: this.concurrency }, () => this.loop(sample, endAt, signal));
    await Promise.all(loops);
    sample.elapsedMs = performance.now() - startedAt;
    signal.throwIfAborted();
    return sample;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async loop(sample: LoadSample, endAt: number, signal: AbortSignal): Promise<void> {
    while (performance.now() < endAt && !signal.aborted) {
      if (sample.errors >= ERROR_STOP_THRESHOLD && sample.errors > sample.requests) return;
      const startedAt = performance.now();
      try {
        const response = await this.pool.request({
          path: this.request.path,
          method: 'POST',
          headers: this.request.headers,
          body: this.request.body,
          signal,
          headersTimeout: REQUEST_TIMEOUT_MS,
          bodyTimeout: REQUEST_TIMEOUT_MS,
        });
        const headersAt = performance.now();
        const read = await this.readBody(response.body);
        const endedAt = performance.now();
        const problem =
          response.statusCode !== this.request.check.status
            ? `HTTP ${response.statusCode}: ${read.head}`
            : read.complete
              ? null
              : `response without "${this.request.check.marker}": ${read.head}`;
        if (problem) {
          recordError(sample, problem);
          continue;
        }
        sample.requests += 1;
        sample.latenciesMs.push(endedAt - startedAt);
        sample.headersMs.push(headersAt - startedAt);
        sample.responseBytes += read.bytes;
      } catch (error) {
        if (signal.aborted) return;
        recordError(sample, (error as Error).message);
      }
    }
  }

  private async readBody(body: AsyncIterable<Buffer>): Promise<{ complete: boolean; bytes: number; head: string }> {
    const whole: Buffer[] = [];
    let head: Buffer | undefined;
    let tail: Buffer = Buffer.alloc(0);
    let bytes = 0;
    for await (const chunk of body) {
      head ??= chunk;
      bytes += chunk.byteLength;
      if (this.request.check.markerIn === 'body') whole.push(chunk);
      else tail = chunk.byteLength >= TAIL_BYTES ? chunk : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
    }
    const searched = this.request.check.markerIn === 'body' ? Buffer.concat(whole) : tail;
    return { complete: searched.includes(this.marker), bytes, head: (head ?? Buffer.alloc(0)).subarray(0, 200).toString() };
  }
}

function recordError(sample: LoadSample, message: string): void {
  sample.errors += 1;
  if (sample.errorSamples.length < 5) sample.errorSamples.push(message);
}
