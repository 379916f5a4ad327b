/**
 * An open-loop load generator for bench:api: sends requests at an even pace
 * whatever the answers do, and measures each latency from the moment the
 * request was due (not from when it went out), so a server that falls behind
 * cannot hide its queue (coordinated omission). autocannon's own rate option
 * sends each second's share in one burst at the start of the second: that
 * measures bursts, not a rate.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** One request. */
export interface PacedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What a paced run measured. */
export interface PacedResult {
  /** 2xx answers per second of the run (until the last answer). */
  rate: number;
  /** Latency in ms from when each request was due, all answers. */
  p50: number;
  p99: number;
  /** Answers other than 2xx and failed requests, e.g. `12 × 409`. */
  problems: string[];
}

/** The value below which `p` of the sorted `values` lie (nearest rank). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Sends `rate` requests per second for `seconds` to `url`, request `n` made
 * by `build(n)`, over at most `sockets` keep-alive connections.
 *
 * @example await paced('http://127.0.0.1:4321', { rate: 3000, seconds: 10, build: (n) => ({ method: 'GET', path: '/' }) });
 */
export async function paced(
  url: string,
  {
    rate,
    seconds,
    build,
    sockets = 64,
    timeoutMs = 10_000,
  }: { rate: number; seconds: number; build: (n: number) => PacedRequest; sockets?: number; timeoutMs?: number },
): Promise<PacedResult> {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const latencies: number[] = [];
  const problems = new Map<string, number>();
  const problem = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);
  let ok = 0;
  let lastAnswer = 0;
  const inFlight = new Set<Promise<void>>();

  const fire = (n: number, dueAt: number) => {
    const { method, path, headers = {}, body } = build(n);
    const done = new Promise<void>((resolve) => {
      const finish = (status: number | 'error') => {
        const now = performance.now();
        latencies.push(now - dueAt);
        lastAnswer = now;
        if (status === 'error') problem('errors or timeouts');
        else if (status >= 200 && status < 300) ok += 1;
        else problem(String(status));
        resolve();
      };
      const request = http.request(
        {
          agent,
          host: hostname,
          port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          timeout: timeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => finish(response.statusCode ?? 0));
          response.on('error', () => finish('error'));
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => finish('error'));
      request.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    // Everything due by now goes out now; the timer's granularity (about 1 ms) is the pacing's.
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) fire(sent, start + sent * interval);
    await sleep(1);
  }
  await Promise.all(inFlight);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rate: ok / ((Math.max(lastAnswer, start + seconds * 1000) - start) / 1000),
    p50: round(percentile(latencies, 0.5)),
    p99: round(percentile(latencies, 0.99)),
    problems: [...problems].map(([what, times]) => `${times} × ${what}`),
  };
}
