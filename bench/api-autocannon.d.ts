/**
 * The part of autocannon's programmatic API that bench/api.ts uses
 * (autocannon ships no types). See node_modules/autocannon/README.md.
 */
declare module 'autocannon' {
  namespace autocannon {
    /** Per connection; `setupRequest` fills it for the request about to be sent, `onResponse` reads it. */
    type Context = Record<string, unknown>;

    /** One request to send. */
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Builds each request just before it is sent. */
      setupRequest?: (request: Request, context: Context) => Request;
      /** Called with each response to this request. */
      onResponse?: (status: number, body: string, context: Context) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Stop after this many requests (at the next one-second tick), even before `duration`. */
      maxOverallRequests?: number;
      /** Seconds without an answer before a request counts as timed out. */
      timeout?: number;
      requests?: Request[];
    }

    interface Result {
      /** Seconds the run took. */
      duration: number;
      errors: number;
      timeouts: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds. */
      latency: { p50: number; p99: number };
    }
  }

  function autocannon(options: autocannon.Options): PromiseLike<autocannon.Result>;
  export = autocannon;
}
